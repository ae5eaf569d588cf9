/** The worker as a node runs it: polling the queues, and the cron schedules created once. */
import { afterAll, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { sqlOf } from '@/lib/db/sql';
import { sendEmail } from '@/lib/mail/send';
import { JOB_HANDLERS } from './handlers';
import { stopQueueOf } from './queue';
import { QUEUE_NAMES, queueSettings } from './queues';
import { startWorker, stopWorker, workerIsRunning } from './worker';

const db = setupTestDb();

afterAll(async () => {
  await stopWorker();
  await stopQueueOf(db.prisma);
});

it('runs queued jobs on its own and schedules every cron queue once, however many workers start', async () => {
  await startWorker(JOB_HANDLERS, { pollingIntervalSeconds: 0.5 });
  // A second worker (another node) changes no schedule.
  await startWorker(JOB_HANDLERS, { pollingIntervalSeconds: 0.5 });
  expect(workerIsRunning()).toBe(true);
  const schedules = await sqlOf(db.prisma).query<{ name: string; cron: string }>(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
  const crons = QUEUE_NAMES.filter((n) => queueSettings(n).cron).sort();
  expect(schedules.map((s) => s.name)).toEqual(crons);
  for (const s of schedules) expect(s.cron).toBe(queueSettings(s.name as (typeof QUEUE_NAMES)[number]).cron);

  const sent = await sendEmail({ to: 'worker@example.com', subject: 'From the worker', text: 't', html: '<p>t</p>', kind: 'test' });
  const deadline = Date.now() + 15_000;
  let status = 'queued';
  while (status !== 'sent' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    status = (await db.prisma.email.findUniqueOrThrow({ where: { id: sent.id } })).status;
  }
  expect(status).toBe('sent');
  await stopWorker();
  expect(workerIsRunning()).toBe(false);
});
