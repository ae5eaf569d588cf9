/**
 * Asks that fit the reader (issue 18): which message a call-to-action slot shows is decided per reader
 * type, in the browser, from GET /api/cta/ask (article pages stay static). THE rule is `readerKind`,
 * built on patronStatus (the one patron rule):
 * - anonymous: not signed in → "become a patron" (the static default every cached page carries);
 * - reader: signed in, never a patron (or only an unfinished checkout) → "become a patron", for them;
 * - patron: patronStatus says yes → the referral ask with their personal link;
 * - lapsed: was a patron (ended, or past due beyond the grace period) → "come back", old tier preselected.
 */
import { localized } from '@/lib/i18n/content';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import type { PatronState } from '@/lib/billing/patron-status';
import { patronStatus } from '@/lib/billing/patron-status';
import { referralCodeFor, referralLink } from '@/lib/referrals/referrals';

export type ReaderKind = 'anonymous' | 'reader' | 'patron' | 'lapsed';

export type ComeBack = { tierId: string | null; tierName: string | null; interval: 'MONTH' | 'YEAR'; currency: string };

export type Ask = { kind: 'anonymous' } | { kind: 'reader' } | { kind: 'patron'; referralLink: string } | ({ kind: 'lapsed' } & ComeBack);

/** Pure: the reader type from "signed in?" and their patron status. */
export function readerKind(
  signedIn: boolean,
  status: { isPatron: boolean; state: PatronState; subscription?: unknown } | null,
): ReaderKind {
  if (!signedIn) return 'anonymous';
  if (status?.isPatron) return 'patron';
  if (status && status.subscription && (status.state === 'ended' || status.state === 'past_due_lapsed')) return 'lapsed';
  return 'reader';
}

/** The ask for one reader (null: not signed in). */
export async function askFor(user: { id: string } | null): Promise<Ask> {
  if (!user) return { kind: 'anonymous' };
  const status = await patronStatus(user.id);
  const kind = readerKind(true, status);
  if (kind === 'patron') return { kind, referralLink: referralLink(await referralCodeFor(user.id)) };
  if (kind === 'lapsed' && status.subscription) {
    const s = status.subscription;
    return { kind, tierId: s.tierId, tierName: s.tier?.name ?? null, interval: s.interval, currency: s.currency };
  }
  return { kind: kind === 'lapsed' ? 'reader' : kind };
}

/** For /support: the tier and billing a lapsed patron had, to show first ("come back"). Null for anyone else. */
export async function comeBackChoice(userId: string, locale: Locale = DEFAULT_LOCALE): Promise<ComeBack | null> {
  const status = await patronStatus(userId);
  if (readerKind(true, status) !== 'lapsed' || !status.subscription) return null;
  const s = status.subscription;
  const tierName = s.tier ? localized(s.tier.translations, locale, 'name', s.tier.name) : null;
  return { tierId: s.tierId, tierName, interval: s.interval, currency: s.currency };
}
