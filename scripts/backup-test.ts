/**
 * `npm run backup:test`: proves the backup procedure of README "Deploying" on this machine's
 * PostgreSQL (the server in TEST_DATABASE_URL, else DATABASE_URL; only scratch databases are touched).
 * A scratch database gets the migrations and the demo newsroom with supporters → `pg_dump -Fc` →
 * `pg_restore` into a second scratch database → every table's row count and content checksum must
 * match. Both databases and the dump are removed afterwards. Exits 1 on any difference.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openMigratedDatabase } from '@/lib/db/client';
import { createScratchDatabase } from '@/lib/db/testing';
import { seedDemo } from '@/lib/articles/demo-content';
import { seedDemoRounds } from '@/lib/voting/demo-rounds';
import { seedDemoSpending } from '@/lib/transparency/demo-spending';
import { seedDemoPatrons } from '@/lib/analytics/demo-patrons';

const run = promisify(execFile);
const log = (message: string) => console.log(`[backup:test] ${message}`);

type TableSummary = { table: string; rows: number; checksum: string };

/** Every table outside PostgreSQL's own schemas: its row count and a checksum of its rows. */
async function summarise(url: string): Promise<TableSummary[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    const out: TableSummary[] = [];
    for (const { schema, name } of tables.rows) {
      const q = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
      const r = await client.query<{ rows: string; checksum: string | null }>(
        `SELECT count(*)::text AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS checksum FROM ${q} t`,
      );
      out.push({ table: `${schema}.${name}`, rows: Number(r.rows[0]!.rows), checksum: r.rows[0]!.checksum ?? '-' });
    }
    return out;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!server)
    throw new Error(
      'Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres: two scratch databases are created there and dropped.',
    );
  const source = await createScratchDatabase(server, 'patronage_backup_src');
  const restored = await createScratchDatabase(server, 'patronage_backup_dst');
  const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-backup-')), 'patronage.dump');
  try {
    const { prisma, close } = await openMigratedDatabase({ kind: 'postgres', url: source.url });
    try {
      const articles = await seedDemo(prisma);
      const rounds = await seedDemoRounds(prisma);
      await seedDemoSpending(prisma);
      const patrons = await seedDemoPatrons(prisma, { patrons: 60 });
      log(`source: migrated, ${articles} articles, ${rounds.length} topic rounds, ${patrons.members} patrons`);
    } finally {
      await close();
    }
    // The commands README "Deploying" gives: custom format, restored without owners or grants.
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--file=${dump}`, source.url]);
    log(`pg_dump: ${(fs.statSync(dump).size / 1024).toFixed(0)} KiB`);
    await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', `--dbname=${restored.url}`, dump]);
    log('pg_restore: done');

    const [before, after] = await Promise.all([summarise(source.url), summarise(restored.url)]);
    const total = before.reduce((n, t) => n + t.rows, 0);
    if (total < 100) throw new Error(`the source database holds only ${total} rows: the seed did not run, so nothing was tested.`);
    const afterBy = new Map(after.map((t) => [t.table, t]));
    const problems: string[] = [];
    for (const t of before) {
      const r = afterBy.get(t.table);
      if (!r) problems.push(`${t.table}: missing after restore`);
      else if (r.rows !== t.rows) problems.push(`${t.table}: ${t.rows} rows before, ${r.rows} after`);
      else if (r.checksum !== t.checksum) problems.push(`${t.table}: same ${t.rows} rows, different content`);
    }
    for (const t of after) if (!before.some((b) => b.table === t.table)) problems.push(`${t.table}: only after restore`);
    for (const t of before.filter((t) => t.rows > 0))
      log(`  ${t.table.padEnd(48)} ${String(t.rows).padStart(6)} rows  ${afterBy.get(t.table)?.rows === t.rows ? 'ok' : 'DIFFERENT'}`);
    if (problems.length) throw new Error(`the restored database differs:\n- ${problems.join('\n- ')}`);
    log(`ok: ${before.length} tables, ${total} rows, identical after pg_dump and pg_restore`);
  } finally {
    fs.rmSync(path.dirname(dump), { recursive: true, force: true });
    await Promise.allSettled([source.drop(), restored.drop()]);
  }
}

main().catch((err: Error) => {
  console.error(`[backup:test] ${err.message}`);
  process.exit(1);
});
