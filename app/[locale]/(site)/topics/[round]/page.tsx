import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getCurrentUser } from '@/lib/auth/session';
import { getPublicRoundBySlug } from '@/lib/voting/rounds';
import { RoundView } from '../RoundView';
import styles from '../topics.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ round: string }> };

// generateMetadata and the page share one read of the round per request; RoundView reuses it too.
const loadRound = cache((slug: string) => getPublicRoundBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const round = await loadRound((await params).round);
  return round ? { title: round.title, description: round.description || `Patron vote: ${round.title}` } : { title: 'Round not found' };
}

export default async function RoundPage({ params }: Props) {
  const { round: slug } = await params;
  const [round, user] = await Promise.all([loadRound(slug), getCurrentUser()]);
  if (!round) notFound();
  return (
    <div className={styles.page}>
      <p>
        <Link href="/topics/archive">← All rounds</Link>
      </p>
      <RoundView round={round} user={user} back={`/topics/${round.slug}`} />
    </div>
  );
}
