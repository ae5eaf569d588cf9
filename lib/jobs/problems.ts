/** What admins see at /desk/jobs: failed and retrying jobs, with the email each one is about. */
import { getDb } from '@/lib/db/client';
import { listProblemJobs, type JobSummary } from './queue';

export type ProblemJob = JobSummary & { about: string; error: string | null };

function errorOf(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output) return String((output as { message: unknown }).message);
  return null;
}

export async function listProblemJobsForAdmins(): Promise<ProblemJob[]> {
  const jobs = await listProblemJobs();
  const emailIds = jobs.map((j) => (j.data as { emailId?: unknown })?.emailId).filter((id): id is string => typeof id === 'string');
  const db = await getDb();
  const emails = new Map(
    (
      await db.email.findMany({
        where: { id: { in: emailIds } },
        select: { id: true, to: true, kind: true, lastError: true, attempts: true },
      })
    ).map((e) => [e.id, e]),
  );
  return jobs.map((j) => {
    const email = emails.get((j.data as { emailId?: string })?.emailId ?? '');
    return {
      ...j,
      about: email ? `“${email.kind}” email to ${email.to} (${email.attempts} attempt${email.attempts === 1 ? '' : 's'})` : j.name,
      error: email?.lastError ?? errorOf(j.output),
    };
  });
}
