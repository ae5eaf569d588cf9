/**
 * TEST EQUIPMENT: the app's test clock. End-to-end journeys that span months (a gift delivered on its
 * date, its reminder a week before it ends) set it through `POST /api/dev/clock` instead of waiting.
 * It is one row in the database (`TestClock`), so every node of a test cluster reads the same time.
 *
 * It exists only where the dev mailbox does (`mailboxAvailable()`: test mode with mail going to the
 * outbox) and, stricter than the mailbox, only while the site's configured addresses (SITE_URL,
 * NEXTAUTH_URL) are loopback ones: a public test site (ALLOW_PUBLIC_TEST_MODE=1) has no clock. Outside
 * that, nothing reads the table (no query) and a row left in it changes nothing.
 *
 * Who reads it: the scheduled gift job (`runGiftJob`: delivery dates and reminders) and `patronStatus`
 * when its caller gives no time (after a customer's own Stripe test clock). What people do (buying,
 * redeeming, voting, cancelling) keeps the real time; like Stripe's test clocks it only moves forward
 * of the real time, so everything started at the real time is already under way when the clock reads.
 */
import { z } from 'zod';
import { getSql } from '@/lib/db/client';
import { isLoopbackHost, mailboxAvailable } from '@/lib/config/mode';
import { DomainError } from '@/lib/errors/domain-error';

type Env = Record<string, string | undefined>;

/** The mailbox's guard, and only on a loopback site: where the test clock may be read and set. */
export function testClockAvailable(env: Env = process.env): boolean {
  if (!mailboxAvailable(env)) return false;
  for (const name of ['SITE_URL', 'NEXTAUTH_URL']) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    try {
      if (!isLoopbackHost(new URL(raw).hostname)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export class TestClockError extends DomainError {
  constructor(message: string, status: 400 | 404 = 400) {
    super({ code: status === 404 ? 'NOT_FOUND' : 'TEST_CLOCK_INVALID', status, message });
  }
}

/** The test clock's time, or null when it is not set or not available here (then callers use the real time). */
export async function testClockTime(env: Env = process.env): Promise<Date | null> {
  if (!testClockAvailable(env)) return null;
  const sql = await getSql();
  const [row] = await sql.query<{ at: Date }>(`SELECT "frozenAt" AS at FROM "TestClock" WHERE id = 'default'`);
  return row ? new Date(row.at) : null;
}

/** "Now" for the work that follows the test clock: its time when set (test equipment), else the real time. */
export async function appNow(): Promise<Date> {
  return (await testClockTime()) ?? new Date();
}

export const setClockSchema = z.object({
  /** An ISO instant at or after the real time, or null to go back to the real time. */
  at: z.union([z.null(), z.iso.datetime({ offset: true, error: 'Pass "at" as an ISO date-time (or null to clear the clock).' })]),
});

/** A minute of slack for the caller's own clock; earlier than that is the past, which a test clock never goes to. */
const SLACK_MS = 60_000;

/**
 * Sets (or, with null, clears) the test clock. Refused (404, like the mailbox) where the clock is not
 * available, and (400) for a time before the real time: like Stripe's test clocks it only goes forward.
 */
export async function setTestClock(at: Date | null, now: Date = new Date()): Promise<Date | null> {
  if (!testClockAvailable()) throw new TestClockError('Not found', 404);
  const sql = await getSql();
  if (at === null) {
    await sql.query(`DELETE FROM "TestClock" WHERE id = 'default'`);
    return null;
  }
  if (Number.isNaN(at.getTime())) throw new TestClockError('That is not a time.');
  if (at.getTime() < now.getTime() - SLACK_MS) throw new TestClockError('The test clock only goes forward: pass a time after now.');
  await sql.query(
    `INSERT INTO "TestClock" (id, "frozenAt", "updatedAt") VALUES ('default', $1::timestamptz, now())
     ON CONFLICT (id) DO UPDATE SET "frozenAt" = EXCLUDED."frozenAt", "updatedAt" = now()`,
    [at.toISOString()],
  );
  return at;
}
