'use client';
/**
 * Pay first: a reader who is not signed in can pick topics too. The picks stay in this browser
 * (localStorage, nothing sent) until they choose a tier on /support, which carries them through Stripe
 * Checkout's metadata; the webhook turns them into the new account's pending picks, and they become
 * votes when the payment lands (lib/voting/pending.ts).
 */
import { useEffect, useState } from 'react';
import { readGuestPicks, toggleGuestPick } from '@/lib/voting/guest-picks';

export function GuestPickButton({ topicId, topicTitle }: { topicId: string; topicTitle: string }) {
  const [picked, setPicked] = useState(false);
  useEffect(() => setPicked(readGuestPicks().includes(topicId)), [topicId]);
  return (
    <button type="button" className="button secondary" aria-pressed={picked} aria-label={`${picked ? 'Remove pick' : 'Pick'}: ${topicTitle}`} onClick={() => setPicked(toggleGuestPick(topicId))}>
      {picked ? 'Picked ✓ (remove)' : 'Pick this topic'}
    </button>
  );
}
