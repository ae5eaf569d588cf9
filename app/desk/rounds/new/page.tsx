import { requireRole } from '@/lib/auth/session';
import { RoundForm } from '../RoundForm';

export const metadata = { title: 'New round' };

export default async function NewRoundPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds/new' });
  const now = Date.now();
  return (
    <>
      <h1>New round</h1>
      <RoundForm
        initial={{
          title: '',
          description: '',
          slug: '',
          opensAt: new Date(now).toISOString(),
          closesAt: new Date(now + 14 * 86_400_000).toISOString(),
          votesPerPatron: 3,
          suggestionsPerPatron: 2,
          resultsVisibility: 'LIVE',
        }}
      />
    </>
  );
}
