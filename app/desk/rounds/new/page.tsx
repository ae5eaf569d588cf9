import { requireRole } from '@/lib/auth/session';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { siteTimeZone, toSiteWallTime } from '@/lib/voting/round-times';
import { RoundForm } from '../RoundForm';

export const generateMetadata = staffTitle('desk.rounds.new.title');

/** A new round opens now and runs for two weeks unless the editor changes it. */
function defaultWindow(now = new Date()) {
  return { opensAt: toSiteWallTime(now), closesAt: toSiteWallTime(new Date(now.getTime() + 14 * 86_400_000)) };
}

export default async function NewRoundPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds/new' });
  const { opensAt, closesAt } = defaultWindow();
  const t = await staffTranslator('desk.rounds');
  return (
    <>
      <h1>{t('new.title')}</h1>
      <RoundForm
        timeZone={siteTimeZone()}
        initial={{
          title: '',
          description: '',
          slug: '',
          opensAt,
          closesAt,
          votesPerPatron: 3,
          suggestionsPerPatron: 2,
          resultsVisibility: 'LIVE',
          joinedBeforeOpenOnly: false,
        }}
      />
    </>
  );
}
