/**
 * The client's IP address, for the per-IP limits. The server (scripts/serve.ts) appends the TCP peer's
 * address to X-Forwarded-For, as a proxy does, so the header always ends with the machine that
 * connected to us. Behind N trusted proxies (TRUSTED_PROXY_HOPS), each appended the address it received
 * the request from, so the client is the entry N places before the last; everything further left is
 * whatever the client wrote, and is never trusted. With no proxy (0), the client is the peer itself.
 */
/** X-Forwarded-For as the server passes it on: what came in, then the TCP peer (scripts/serve.ts). */
export function forwardedForWithPeer(header: string | string[] | undefined, peer: string | undefined): string {
  const came = Array.isArray(header) ? header.join(', ') : header;
  return came ? `${came}, ${peer ?? 'unknown'}` : (peer ?? 'unknown');
}

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  if (!/^\d{1,2}$/.test(raw))
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number of proxies in front of the app (0 when none); got "${raw}".`);
  return Number(raw);
}

export function clientIp(headers: Headers, hops: number = trustedProxyHops()): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const chain = forwarded.length ? forwarded : ['unknown'];
  // A chain shorter than the proxies we trust: the leftmost (farthest) entry is the best we know.
  const client = chain[Math.max(0, chain.length - 1 - hops)]!;
  return normaliseIp(client);
}

/** "::ffff:1.2.3.4" → "1.2.3.4"; an IPv6 address stands for its /64 (one household or server). */
function normaliseIp(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1]!;
  if (ip.includes(':')) {
    const full = expandIpv6(ip);
    return full ? `${full.slice(0, 4).join(':')}::/64` : ip.toLowerCase();
  }
  return ip;
}

function expandIpv6(ip: string): string[] | null {
  const [head, tail, ...rest] = ip.toLowerCase().split('::');
  if (rest.length) return null;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? h.length !== 8 : missing < 0) return null;
  const parts = [...h, ...Array(tail === undefined ? 0 : missing).fill('0'), ...t];
  return parts.every((p) => /^[0-9a-f]{1,4}$/.test(p)) ? parts.map((p) => p.replace(/^0+(?=.)/, '')) : null;
}
