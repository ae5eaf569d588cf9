/**
 * Content-Type parsing by the grammar (RFC 9110 §8.3.1): `type "/" subtype *( OWS ";" OWS parameter )`.
 * Only the media type itself decides: `text/plain; x=application/json` is text/plain, not JSON.
 */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type MediaType = { type: string; params: Record<string, string> };

export function parseMediaType(header: string | null | undefined): MediaType | null {
  if (!header) return null;
  const [essence = '', ...rest] = splitParams(header);
  const slash = essence.indexOf('/');
  if (slash < 1) return null;
  const type = essence.slice(0, slash).trim();
  const subtype = essence.slice(slash + 1).trim();
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 1) {
      if (p.trim() === '') continue;
      return null;
    }
    const name = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (value.startsWith('"')) {
      if (!value.endsWith('"') || value.length < 2) return null;
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (!TOKEN.test(name)) return null;
    params[name] ??= value;
  }
  return { type: `${type}/${subtype}`.toLowerCase(), params };
}

/** Splits on ";" outside quoted strings. */
function splitParams(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i]!;
    if (quoted && c === '\\' && i + 1 < header.length) {
      current += c + header[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Just the lower-case `type/subtype`, or null when there is no valid Content-Type. */
export const mediaTypeOf = (header: string | null | undefined): string | null => parseMediaType(header)?.type ?? null;
