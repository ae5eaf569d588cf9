/**
 * Throwaway PostgreSQL databases for tests, end-to-end specs and benchmarks. Only `pg`: end-to-end
 * specs import this without loading the app's database client.
 */
import { randomBytes } from 'node:crypto';

/** An empty PostgreSQL database on the server `adminUrl` names (for tests and benchmarks), and how to drop it. */
export async function createScratchDatabase(
  adminUrl: string,
  prefix = 'patronage_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const onAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await onAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
