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
  window.dispatchEvent(new Event(CHANGED));
  return !has;
}

const CHANGED = 'patronage-guest-picks-changed';

/** For useSyncExternalStore: picks change in this tab (toggleGuestPick) or another (storage event). */
export function subscribeGuestPicks(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** The picks as one comma-separated string (a stable snapshot for useSyncExternalStore); '' on the server. */
export const guestPicksSnapshot = (): string => readGuestPicks().join(',');
export const noGuestPicksOnServer = (): string => '';

export function clearGuestPicks(): void {
  try {
    window.localStorage.removeItem(GUEST_PICKS_KEY);
  } catch {
    // storage unavailable: nothing to clear
  }
}
