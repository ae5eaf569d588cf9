/** Fixtures for voting tests and the bench (rows inserted directly; patrons via Subscription rows). */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { VotingError } from './rules';

const DAY = 86_400_000;
const rnd = () => randomBytes(5).toString('hex');

export async function makeUser(db: PrismaClient, opts: { role?: 'READER' | 'EDITOR' | 'ADMIN'; name?: string } = {}) {
  const tag = rnd();
  return db.user.create({ data: { email: `u-${tag}@example.test`, name: opts.name ?? `User ${tag}`, role: opts.role ?? 'READER' } });
}

/** A subscription that `patronStatus` treats as the given state at `now`. */
export async function addSubscription(
  db: PrismaClient,
  userId: string,
  kind: 'active' | 'lapsed' | 'canceled' = 'active',
  now = new Date(),
) {
  const t = now.getTime();
  const base = {
    id: `sub_${rnd()}`,
    userId,
    customerId: `cus_${rnd()}`,
    stripePriceId: 'price_test',
    currency: 'eur',
    interval: 'MONTH' as const,
    amount: 500,
    currentPeriodStart: new Date(t - 10 * DAY),
    currentPeriodEnd: new Date(t + 20 * DAY),
    startedAt: new Date(t - 40 * DAY),
  };
  if (kind === 'active') return db.subscription.create({ data: { ...base, status: 'active' } });
  if (kind === 'lapsed') return db.subscription.create({ data: { ...base, status: 'past_due', pastDueSince: new Date(t - 60 * DAY) } });
  return db.subscription.create({ data: { ...base, status: 'canceled', endedAt: new Date(t - DAY), currentPeriodEnd: new Date(t - DAY) } });
}

export async function makePatron(db: PrismaClient, opts: { role?: 'READER' | 'EDITOR' | 'ADMIN' } = {}) {
  const user = await makeUser(db, opts);
  await addSubscription(db, user.id, 'active');
  return user;
}

export async function makeRound(
  db: PrismaClient,
  over: Partial<{
    status: 'DRAFT' | 'OPEN' | 'CLOSED';
    opensAt: Date;
    closesAt: Date;
    votesPerPatron: number;
    suggestionsPerPatron: number;
    resultsVisibility: 'LIVE' | 'AFTER_CLOSE';
    title: string;
    joinedBeforeOpenOnly: boolean;
  }> = {},
) {
  const now = Date.now();
  const tag = rnd();
  return db.round.create({
    data: {
      slug: `round-${tag}`,
      title: over.title ?? `Round ${tag}`,
      status: over.status ?? 'OPEN',
      opensAt: over.opensAt ?? new Date(now - DAY),
      closesAt: over.closesAt ?? new Date(now + 7 * DAY),
      votesPerPatron: over.votesPerPatron ?? 3,
      suggestionsPerPatron: over.suggestionsPerPatron ?? 2,
      resultsVisibility: over.resultsVisibility ?? 'LIVE',
      joinedBeforeOpenOnly: over.joinedBeforeOpenOnly ?? false,
    },
  });
}

export async function makeTopics(
  db: PrismaClient,
  roundId: string,
  n: number,
  over: { status?: 'PROPOSED' | 'OPEN'; sectionId?: string } = {},
) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await db.topic.create({
        data: { roundId, title: `Topic ${i + 1} ${rnd()}`, status: over.status ?? 'OPEN', sectionId: over.sectionId ?? null },
      }),
    );
  }
  return out;
}

/** The VotingError a promise is refused with (fails the test when it resolves or throws anything else). */
export async function refusal(p: Promise<unknown>): Promise<VotingError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof VotingError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
