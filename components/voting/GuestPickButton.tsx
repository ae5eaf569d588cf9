'use client';
/**
 * Pay first: a reader who is not signed in can pick topics too. The picks stay in this browser
 * (localStorage, nothing sent) until they choose a tier on /support, which carries them through Stripe
 * Checkout's metadata; the webhook turns them into the new account's pending picks, and they become
 * votes when the payment lands (lib/voting/pending.ts).
 */
import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { guestPicksSnapshot, noGuestPicksOnServer, subscribeGuestPicks, toggleGuestPick } from '@/lib/voting/guest-picks';

export function GuestPickButton({ topicId, topicTitle }: { topicId: string; topicTitle: string }) {
  const t = useTranslations('cta.guestPick');
  const picked = useSyncExternalStore(subscribeGuestPicks, guestPicksSnapshot, noGuestPicksOnServer).split(',').includes(topicId);
  const label = picked ? t('picked') : t('pick');
  return (
    // The name starts with the visible text (WCAG 2.5.3), then says which topic, as VoteButton does.
    <button
      type="button"
      className="button secondary"
      aria-pressed={picked}
      aria-label={t('named', { label, title: topicTitle })}
      onClick={() => toggleGuestPick(topicId)}
    >
      {label}
    </button>
  );
}
