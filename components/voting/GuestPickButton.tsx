'use client';
/**
 * Pay first: a reader who is not signed in can pick topics too. The picks stay in this browser
 * (localStorage, nothing sent) until they choose a tier on /support, which carries them through Stripe
 * Checkout's metadata; the webhook turns them into the new account's pending picks, and they become
 * votes when the payment lands (lib/voting/pending.ts).
 */
import { useSyncExternalStore } from 'react';
import { guestPicksSnapshot, noGuestPicksOnServer, subscribeGuestPicks, toggleGuestPick } from '@/lib/voting/guest-picks';

type Labels = { pick: string; unpick: string; pickAria: string; unpickAria: string };
const ENGLISH: Labels = { pick: 'Pick this topic', unpick: 'Picked ✓ (remove)', pickAria: 'Pick', unpickAria: 'Remove pick' };

export function GuestPickButton({ topicId, topicTitle, labels = ENGLISH }: { topicId: string; topicTitle: string; labels?: Labels }) {
  const picked = useSyncExternalStore(subscribeGuestPicks, guestPicksSnapshot, noGuestPicksOnServer).split(',').includes(topicId);
  return (
    <button
      type="button"
      className="button secondary"
      aria-pressed={picked}
      aria-label={`${picked ? labels.unpickAria : labels.pickAria}: ${topicTitle}`}
      onClick={() => toggleGuestPick(topicId)}
    >
      {picked ? labels.unpick : labels.pick}
    </button>
  );
}
