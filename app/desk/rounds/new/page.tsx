import { requireRole } from '@/lib/auth/session';
import { siteTimeZone, toSiteWallTime } from '@/lib/voting/round-times';
import { RoundForm } from '../RoundForm';

export const metadata = { title: 'New round' };

export default async function NewRoundPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds/new' });
  const now = Date.now();
  return (
    <>
      <h1>New round</h1>
      <RoundForm
        timeZone={siteTimeZone()}
        initial={{
          title: '',
          description: '',
          slug: '',
          opensAt: toSiteWallTime(new Date(now)),
          closesAt: toSiteWallTime(new Date(now + 14 * 86_400_000)),
          votesPerPatron: 3,
          suggestionsPerPatron: 2,
          resultsVisibility: 'LIVE',
          joinedBeforeOpenOnly: false,
        }}
      />
    </>
  );
}
