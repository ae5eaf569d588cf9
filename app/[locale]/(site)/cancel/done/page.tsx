import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your membership', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const schema = z.object({
  outcome: z.enum(['canceled', 'paused', 'lowered', 'yearly']).catch('canceled'),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** After a decision at /account/cancel or through a cancel link (public: it shows only what the URL says). */
export default async function CancelDonePage({ searchParams }: Props) {
  const sp = await searchParams;
  const { outcome, until } = schema.parse({ outcome: one(sp.outcome), until: one(sp.until) });
  return (
    <div className="container account-page">
      <h1>{outcome === 'canceled' ? 'Your membership is cancelled' : 'Thank you for staying'}</h1>
      <p data-testid="cancel-outcome" data-outcome={outcome}>
        {outcome === 'canceled' ? (
          <>It stays active until {until ?? 'the end of the period you paid for'}, then ends. We have emailed you a confirmation.</>
        ) : null}
        {outcome === 'paused' ? (
          <>
            Your payments are paused{until ? <> until {until}</> : null}. While paused you are not charged and cannot vote; then your
            membership carries on.
          </>
        ) : null}
        {outcome === 'lowered' ? <>Your membership continues at the lower amount from your next payment.</> : null}
        {outcome === 'yearly' ? <>Your membership now renews once a year.</> : null}
      </p>
      <p>
        <Link href="/account">Your account</Link> · <Link href="/">Back to the news</Link>
      </p>
    </div>
  );
}
