import { requireRole } from '@/lib/auth/session';
import { siteTimeZone, toSiteWallTime } from '@/lib/voting/round-times';
import { RoundForm } from '../RoundForm';

export const metadata = { title: 'New round' };

/** A new round opens now and runs for two weeks unless the editor changes it. */
function defaultWindow(now = new Date()) {
  return { opensAt: toSiteWallTime(now), closesAt: toSiteWallTime(new Date(now.getTime() + 14 * 86_400_000)) };
}

export default async function NewRoundPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds/new' });
  const { opensAt, closesAt } = defaultWindow();
  return (
    <>
      <h1>New round</h1>
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
