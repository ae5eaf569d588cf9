/**
 * The client's IP address, for the per-IP limits. `npm start` serves through scripts/serve.ts, which
 * stamps the TCP peer's address into PEER_HEADER on every request (overwriting anything a client sent).
 * With TRUSTED_PROXY_HOPS = 0 (the default) that peer is the client. Behind N trusted proxies, each
 * appends the address it received the request from to X-Forwarded-For, so the client is the N-th
 * address from the right of [...X-Forwarded-For, peer]; everything further left is whatever the client
 * wrote, and is never trusted.
 */
export const PEER_HEADER = 'x-patronage-peer';

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  if (!/^\d{1,2}$/.test(raw)) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number of proxies in front of the app (0 when none); got "${raw}".`);
  return Number(raw);
}

export function clientIp(headers: Headers, hops: number = trustedProxyHops()): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // Without our server in front (next dev, tests), Next itself sets X-Forwarded-For to the peer when
  // the client sent none; its last entry is then the closest address we have.
  const peer = headers.get(PEER_HEADER)?.trim() || forwarded.pop() || 'unknown';
  const chain = [...forwarded, peer];
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
