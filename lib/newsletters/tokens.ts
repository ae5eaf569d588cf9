/**
 * Signed links in newsletter emails: a token names one subscription and what it may do (confirm it,
 * or manage that address's newsletters), signed with a key derived from the session secret
 * (NEXTAUTH_SECRET, lib/auth/secret.ts), so it works without signing in and cannot be forged or
 * pointed at another subscription. Like the topic-email stop link it does not expire: it can only
 * confirm a sign-up its owner asked for, or change that address's newsletter choices.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';

export type TokenPurpose = 'confirm' | 'manage';

function key(purpose: TokenPurpose): Buffer {
  const secret = authSecret();
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set: newsletter links cannot be signed.');
  return createHmac('sha256', secret).update(`patronage:newsletter-${purpose}:v1`).digest();
}

const mac = (purpose: TokenPurpose, id: string) => createHmac('sha256', key(purpose)).update(id).digest('base64url');

export function newsletterToken(purpose: TokenPurpose, subscriptionId: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(subscriptionId)) throw new Error('Not a subscription id.');
  return `${Buffer.from(subscriptionId).toString('base64url')}.${mac(purpose, subscriptionId)}`;
}

/** The subscription id a token was made for, or null when malformed or wrongly signed. */
export function verifyNewsletterToken(purpose: TokenPurpose, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const id = Buffer.from(m[1]!, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return null;
  const expected = Buffer.from(mac(purpose, id));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
