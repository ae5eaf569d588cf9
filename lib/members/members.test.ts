import { describe, expect, it } from 'vitest';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { statusFromSubscriptions, statusOfOne, type PatronState } from '@/lib/billing/patron-status';
import { graceDays } from '@/lib/billing/config';
import {
  classifySubscriptionsInSql,
  MemberQueryError,
  memberIdChunks,
  memberQueryToParams,
  parseMemberQuery,
  searchMembers,
} from './members';

const db = setupTestDb();
const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00.000Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

type SubSpec = {
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  pastDueSince: Date | null;
  endedAt: Date | null;
};

/** Every combination that matters to statusOfOne, boundaries included (period and grace ends are exclusive). */
function subscriptionMatrix(): SubSpec[] {
  const grace = graceDays();
  const out: SubSpec[] = [];
  const statuses = ['active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused', 'something_new'];
  const periodEnds = [at(-3), at(0), at(10)];
  const pastDue = [null, at(-1), at(-grace), at(-grace - 5)];
  const periodStarts = [at(-1), at(-grace), at(-40)];
  const ended = [null, at(-2), at(0), at(5)];
  for (const status of statuses)
    for (const cancelAtPeriodEnd of [false, true])
      for (const currentPeriodEnd of periodEnds)
        for (const pastDueSince of status === 'past_due' ? pastDue : [null, at(-1)])
          for (const currentPeriodStart of status === 'past_due' ? periodStarts : [at(-20)])
            for (const endedAt of ended)
              out.push({ status, cancelAtPeriodEnd, currentPeriodStart, currentPeriodEnd, pastDueSince, endedAt });
  return out;
}

let seq = 0;
async function member(
  opts: {
    email?: string;
    name?: string | null;
    createdAt?: Date;
    subs?: (Partial<SubSpec> & { tierId?: string | null; amount?: number; interval?: 'MONTH' | 'YEAR'; currency?: string })[];
  } = {},
) {
  seq++;
  const user = await db.prisma.user.create({
    data: {
      email: opts.email ?? `member${seq}@members.test`,
      name: opts.name === undefined ? `Member ${seq}` : opts.name,
      createdAt: opts.createdAt ?? at(-seq),
    },
  });
  for (const [i, s] of (opts.subs ?? []).entries()) {
    await db.prisma.subscription.create({
      data: {
        id: `sub_m${seq}_${i}`,
        userId: user.id,
        customerId: `cus_m${seq}`,
        status: s.status ?? 'active',
        stripePriceId: 'price_x',
        tierId: s.tierId ?? null,
        currency: s.currency ?? 'usd',
        interval: s.interval ?? 'MONTH',
        amount: s.amount ?? 500,
        currentPeriodStart: s.currentPeriodStart ?? at(-10),
        currentPeriodEnd: s.currentPeriodEnd ?? at(20),
        cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? false,
        pastDueSince: s.pastDueSince ?? null,
        endedAt: s.endedAt ?? null,
        startedAt: at(-100),
      },
    });
  }
  return user;
}

const allStates: (PatronState | 'patron')[] = [
  'patron',
  'active',
  'trialing',
  'canceling',
  'past_due_grace',
  'past_due_lapsed',
  'ended',
  'none',
];

describe('status in SQL = statusOfOne', () => {
  it('classifies every subscription in the matrix exactly like statusOfOne', async () => {
    const matrix = subscriptionMatrix();
    const user = await member();
    await db.prisma.subscription.createMany({
      data: matrix.map((s, i) => ({
        ...s,
        id: `sub_matrix_${i}`,
        userId: user.id,
        customerId: 'cus_matrix',
        stripePriceId: 'p',
        currency: 'usd',
        interval: 'MONTH' as const,
        amount: 100,
        startedAt: at(-60),
      })),
    });
    const sqlStates = await classifySubscriptionsInSql(
      matrix.map((_, i) => `sub_matrix_${i}`),
      NOW,
      graceDays(),
    );
    const mismatches = matrix.flatMap((s, i) => {
      const js = statusOfOne({ id: `sub_matrix_${i}`, ...s }, NOW, graceDays()).state;
      const inSql = sqlStates.get(`sub_matrix_${i}`);
      return js === inSql ? [] : [{ ...s, js, inSql }];
    });
    expect(matrix.length).toBeGreaterThan(400);
    expect(mismatches).toEqual([]);
    // The matrix reaches every state, so the comparison covers them all.
    expect(new Set(sqlStates.values())).toEqual(
      new Set(['active', 'trialing', 'canceling', 'past_due_grace', 'past_due_lapsed', 'ended', 'none']),
    );
    // Fractional grace days work the same in both.
    const half = await classifySubscriptionsInSql(['sub_matrix_0'], NOW, 0.5);
    expect(half.get('sub_matrix_0')).toBe(statusOfOne({ id: 'x', ...matrix[0]! }, NOW, 0.5).state);
    await db.prisma.user.delete({ where: { id: user.id } });
  });

  it('the status filter of searchMembers picks exactly the members statusFromSubscriptions gives that state', async () => {
    const matrix = subscriptionMatrix();
    // Members with 0–3 subscriptions drawn from the matrix (deterministically).
    const users: { id: string; subs: SubSpec[] }[] = [];
    for (let i = 0; i < 60; i++) {
      const subs = Array.from({ length: i % 4 }, (_, k) => matrix[(i * 37 + k * 101) % matrix.length]!);
      const u = await member({ email: `parity${i}@parity.test`, subs });
      users.push({ id: u.id, subs });
    }
    const expected = new Map(
      users.map((u) => [
        u.id,
        statusFromSubscriptions(
          u.subs.map((s, k) => ({ id: `s${k}`, ...s })),
          NOW,
          graceDays(),
        ),
      ]),
    );
    expect(await db.prisma.user.count()).toBe(users.length); // so the searches without text see exactly these
    let statesSeen = 0;
    // Every SQL shape: narrowed by text or not (per-user lookup vs one pass), status alone or the whole deciding subscription (sort by amount).
    const shapes = [{ q: '@parity.test' }, { q: '@parity.test', sort: 'amount' }, {}, { sort: 'amount' }];
    for (const status of allStates)
      for (const shape of shapes) {
        const { rows, total } = await searchMembers(
          parseMemberQuery({ ...shape, status: status === 'past_due_grace' ? 'past_due' : status, pageSize: '200' }),
          NOW,
        );
        const want = users
          .filter((u) => (status === 'patron' ? expected.get(u.id)!.isPatron : expected.get(u.id)!.state === status))
          .map((u) => u.id);
        expect(rows.map((r) => r.id).sort(), `${status} ${JSON.stringify(shape)}`).toEqual(want.sort());
        expect(total).toBe(want.length);
        if (want.length) statesSeen++;
        // The row's own status (computed by statusFromSubscriptions) agrees with the filter.
        for (const r of rows) expect(status === 'patron' ? r.isPatron : r.status === status).toBe(true);
      }
    expect(statesSeen).toBeGreaterThanOrEqual(6 * shapes.length);
  });
});

describe('parseMemberQuery', () => {
  it('accepts the form’s values, defaults and aliases', () => {
    expect(parseMemberQuery({})).toEqual({ sort: 'joined', dir: 'desc', page: 1, pageSize: 50 });
    const q = parseMemberQuery({
      q: ' Smith ',
      status: 'lapsed',
      cadence: 'year',
      currency: 'EUR',
      joinedFrom: '2026-01-01',
      joinedTo: '2026-01-31',
      voted: 'no',
      sort: 'email',
      page: '3',
      pageSize: '',
      tier: '',
    });
    expect(q).toEqual({
      q: 'Smith',
      status: 'past_due_lapsed',
      cadence: 'YEAR',
      currency: 'eur',
      joinedFrom: new Date('2026-01-01T00:00:00Z'),
      joinedBefore: new Date('2026-02-01T00:00:00Z'),
      voted: false,
      sort: 'email',
      dir: 'asc',
      page: 3,
      pageSize: 50,
    });
    // Round trip through the URL form.
    expect(parseMemberQuery(Object.fromEntries(memberQueryToParams(q)))).toEqual(q);
    expect(parseMemberQuery({ status: ['never', 'active'] }).status).toBe('none');
  });

  it('refuses bad input with a 400 and a message a person understands', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ status: 'vip' }, /Status must be one of/],
      [{ joinedFrom: '2026-02-30' }, /not a real date/],
      [{ joinedFrom: 'yesterday' }, /must be a date like/],
      [{ joinedFrom: '2026-03-01', joinedTo: '2026-02-01' }, /must not be after/],
      [{ page: '0' }, /Page must be 1 or more/],
      [{ page: 'two' }, /Page must be a number/],
      [{ pageSize: '5000' }, /at most 200/],
      [{ sort: 'password' }, /Sort by one of/],
      [{ cadence: 'weekly' }, /month or year/],
      [{ currency: 'dollars' }, /three-letter/],
      [{ voted: 'maybe' }, /yes or no/],
      [{ q: 'x'.repeat(201) }, /too long/],
    ];
    for (const [params, message] of bad) {
      let err: unknown;
      try {
        parseMemberQuery(params);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(params)).toBeInstanceOf(MemberQueryError);
      expect((err as MemberQueryError).status).toBe(400);
      expect((err as Error).message).toMatch(message);
    }
  });

  it('says a bad filter in the staff member’s language', () => {
    const refusal = (params: Record<string, string>) => {
      try {
        parseMemberQuery(params);
      } catch (e) {
        return e as MemberQueryError;
      }
      throw new Error('expected a MemberQueryError');
    };
    expect(errorMessageIn(refusal({ joinedFrom: '2026-02-30' }), 'uk')).toBe('«Приєдналися від» — такої дати не існує.');
    expect(errorMessageIn(refusal({ pageSize: '5000' }), 'uk')).toBe('Розмір сторінки — щонайбільше 200.');
    expect(errorMessageIn(refusal({ page: '21' }), 'en')).toBe('To go past page 20, use the Next and Previous links.');
  });
});

describe('searchMembers', () => {
  it('searches email and name case-insensitively, filters, sorts and pages', async () => {
    const tier = await db.prisma.tier.create({ data: { slug: 'friend-s', name: 'Friend' } });
    const other = await db.prisma.tier.create({ data: { slug: 'champion-s', name: 'Champion' } });
    const round = await db.prisma.round.create({ data: { slug: 'r-s', title: 'R', opensAt: at(-5), closesAt: at(5) } });
    const topic = await db.prisma.topic.create({ data: { roundId: round.id, title: 'T' } });
    const smith = await member({
      email: 'jo.smith@search.test',
      name: 'Jo Smith',
      createdAt: new Date('2026-01-10T08:00:00Z'),
      subs: [{ tierId: tier.id, amount: 1200, interval: 'YEAR' }],
    });
    const blacksmith = await member({
      email: 'anvil@search.test',
      name: 'The BLACKSMITH',
      createdAt: new Date('2026-02-10T08:00:00Z'),
      subs: [{ tierId: other.id, amount: 900, currency: 'eur' }],
    });
    const smithers = await member({ email: 'SMITHERS@search.test'.toLowerCase(), name: null, createdAt: new Date('2026-03-10T08:00:00Z') });
    await member({
      email: 'nobody@search.test',
      name: 'Nobody',
      createdAt: new Date('2026-03-11T08:00:00Z'),
      subs: [{ status: 'canceled', endedAt: at(-3), tierId: tier.id }],
    });
    // 50% and _ are not wildcards in the search.
    await member({ email: 'percent@search.test', name: '100% real' });
    await db.prisma.vote.create({ data: { userId: blacksmith.id, topicId: topic.id, roundId: round.id } });

    const ids = async (params: Record<string, string>) =>
      (await searchMembers(parseMemberQuery({ pageSize: '200', ...params }), NOW)).rows.map((r) => r.email);
    expect(await ids({ q: 'SMITH', sort: 'email' })).toEqual(['anvil@search.test', 'jo.smith@search.test', 'smithers@search.test']);
    expect(await ids({ q: '0%', sort: 'email' })).toEqual(['percent@search.test']);
    expect(await ids({ q: 'o_s' })).toEqual([]);
    expect(await ids({ q: '@search.test', status: 'patron', sort: 'amount' })).toEqual(['anvil@search.test', 'jo.smith@search.test']); // 9.00/mo > 1.00/mo
    expect(await ids({ q: '@search.test', status: 'patron', sort: 'amount', dir: 'asc' })).toEqual([
      'jo.smith@search.test',
      'anvil@search.test',
    ]);
    expect(await ids({ q: '@search.test', tier: 'friend-s', sort: 'email' })).toEqual(['jo.smith@search.test', 'nobody@search.test']);
    expect(await ids({ q: '@search.test', tier: tier.id, status: 'ended' })).toEqual(['nobody@search.test']);
    expect(await ids({ q: '@search.test', cadence: 'year' })).toEqual(['jo.smith@search.test']);
    expect(await ids({ q: '@search.test', currency: 'eur' })).toEqual(['anvil@search.test']);
    expect(await ids({ q: '@search.test', voted: 'yes' })).toEqual(['anvil@search.test']);
    expect(await ids({ q: 'smith', voted: 'no', sort: 'joined', dir: 'asc' })).toEqual(['jo.smith@search.test', 'smithers@search.test']);
    expect(await ids({ q: '@search.test', joinedFrom: '2026-02-10', joinedTo: '2026-03-10' })).toEqual([
      'smithers@search.test',
      'anvil@search.test',
    ]);
    expect(await ids({ q: '@search.test', status: 'never', sort: 'name' })).toEqual(['percent@search.test', 'smithers@search.test']); // "100% real", then no name last

    const page2 = await searchMembers(parseMemberQuery({ q: '@search.test', sort: 'email', pageSize: '2', page: '2' }), NOW);
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.rows.map((r) => r.email)).toEqual(['nobody@search.test', 'percent@search.test']);
    const row = (await searchMembers(parseMemberQuery({ q: 'jo.smith' }), NOW)).rows[0]!;
    expect(row).toMatchObject({
      id: smith.id,
      status: 'active',
      isPatron: true,
      tier: { id: tier.id, name: 'Friend' },
      cadence: 'YEAR',
      amount: 1200,
      monthlyAmount: 100,
      currency: 'usd',
      voted: false,
    });
    const chunks: string[][] = [];
    for await (const c of memberIdChunks(parseMemberQuery({ q: 'smith', sort: 'email' }), 2, NOW)) chunks.push(c);
    expect(chunks).toEqual([[blacksmith.id, smith.id], [smithers.id]]);

    // Keyset pages: following `next` and then `previous` visits exactly the full list, in every order
    // (names and amounts include NULLs, which sort last either way).
    for (const sort of ['joined', 'email', 'name', 'amount'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const base = { q: '@search.test', sort, dir };
        const all = await ids(base);
        const forward: string[][] = [];
        let page = await searchMembers(parseMemberQuery({ ...base, pageSize: '2' }), NOW);
        forward.push(page.rows.map((r) => r.email));
        expect(page.previous).toBeUndefined();
        while (page.next) {
          page = await searchMembers(parseMemberQuery({ ...base, pageSize: '2', page: String(page.page + 1), after: page.next }), NOW);
          forward.push(page.rows.map((r) => r.email));
        }
        expect(forward.flat(), `${sort} ${dir}`).toEqual(all);
        expect(forward).toHaveLength(3);
        const backward: string[][] = [];
        while (page.previous) {
          page = await searchMembers(parseMemberQuery({ ...base, pageSize: '2', page: String(page.page - 1), before: page.previous }), NOW);
          backward.unshift(page.rows.map((r) => r.email));
        }
        expect(backward, `${sort} ${dir} back`).toEqual(forward.slice(0, -1));
      }
    }
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    await expect(searchMembers(parseMemberQuery({ after: forged }), NOW)).rejects.toThrow(/The page link is not valid/);
    await expect(searchMembers(parseMemberQuery({ after: 'garbage' }), NOW)).rejects.toBeInstanceOf(MemberQueryError);
    expect(() => parseMemberQuery({ page: '21' })).toThrow(/To go past page 20, use the Next and Previous links/);
  });
});
