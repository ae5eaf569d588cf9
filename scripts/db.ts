/**
 * Database commands that work offline:
 *   tsx scripts/db.ts migrate                  apply pending migrations (DATABASE_URL or PGlite)
 *   tsx scripts/db.ts migrate:create <name>    write a new migration from schema.prisma changes
 *   tsx scripts/db.ts status                   does prisma/migrations match schema.prisma?
 */
import { createMigration, diffMigrationsToSchema } from '@/lib/db/migrate';
import { databaseTargetFromEnv } from '@/lib/db/config';
import { prepareDatabase } from '@/lib/db/prepare';

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'migrate': {
      // Under the same lock as nodes starting (lib/db/prepare.ts): safe while they start too.
      const { applied } = await prepareDatabase(databaseTargetFromEnv(), { log: (m) => console.log(m) });
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'migrate:create': {
      if (!arg) throw new Error('Usage: npm run db:migrate:create -- <name>');
      const created = await createMigration(arg);
      console.log(created ? `Created ${created.dir}\n\n${created.sql}` : 'schema.prisma matches the migrations: nothing to create.');
      return;
    }
    case 'status': {
      const drift = await diffMigrationsToSchema();
      console.log(drift ? `schema.prisma has changes not in a migration:\n${drift}` : 'Migrations match schema.prisma.');
      process.exitCode = drift ? 1 : 0;
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}". Use migrate, migrate:create <name> or status.`);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
