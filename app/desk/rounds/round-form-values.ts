import { translationsFromForm } from '@/lib/i18n/content';
import { fromSiteWallTime } from '@/lib/voting/round-times';

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : '';
};

/** A datetime-local value in the newsroom's time zone; anything else becomes an invalid date, which validation names. */
const siteTime = (value: string): Date => fromSiteWallTime(value) ?? new Date(Number.NaN);

/**
 * The round form's fields as `createRound` / `updateRound` take them. Opens/closes are read each with
 * the newsroom zone's offset on its own date (a round may span a daylight-saving change).
 */
export function roundValues(fd: FormData) {
  return {
    title: str(fd, 'title'),
    description: str(fd, 'description'),
    slug: str(fd, 'slug') || undefined,
    opensAt: siteTime(str(fd, 'opensAt')),
    closesAt: siteTime(str(fd, 'closesAt')),
    votesPerPatron: str(fd, 'votesPerPatron'),
    suggestionsPerPatron: str(fd, 'suggestionsPerPatron'),
    resultsVisibility: str(fd, 'resultsVisibility'),
    joinedBeforeOpenOnly: str(fd, 'joinedBeforeOpenOnly') === 'on',
    translations: translationsFromForm(fd, ['title', 'description']),
  };
}
