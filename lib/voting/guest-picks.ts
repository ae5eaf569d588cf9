/**
 * Browser-side store of the topics a reader who is not signed in picked (pay first). Client code only:
 * localStorage, at most 10 ids; the server validates every id again when the checkout completes.
 */
export const GUEST_PICKS_KEY = 'patronage-guest-picks';
const MAX = 10;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function readGuestPicks(): string[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(GUEST_PICKS_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string' && ID.test(x)).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/** Adds or removes a pick; returns whether it is picked now. */
export function toggleGuestPick(topicId: string): boolean {
  if (!ID.test(topicId)) return false;
  const picks = readGuestPicks();
  const has = picks.includes(topicId);
  const next = has ? picks.filter((p) => p !== topicId) : [...picks, topicId].slice(-MAX);
  try {
    window.localStorage.setItem(GUEST_PICKS_KEY, JSON.stringify(next));
  } catch {
    return has;
  }
  return !has;
}

export function clearGuestPicks(): void {
  try {
    window.localStorage.removeItem(GUEST_PICKS_KEY);
  } catch {
    // storage unavailable: nothing to clear
  }
}
