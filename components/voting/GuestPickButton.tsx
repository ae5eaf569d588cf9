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
  return (
    <button
      type="button"
      className="button secondary"
      aria-pressed={picked}
      aria-label={picked ? t('removeLabel', { title: topicTitle }) : t('pickLabel', { title: topicTitle })}
      onClick={() => toggleGuestPick(topicId)}
    >
      {picked ? t('picked') : t('pick')}
    </button>
  );
}
