/**
 *   npm run demo:patrons -- --patrons 100000 [--seed N]   add demo supporters with a two-year history
 *   npm run demo:patrons -- --remove                      delete the demo supporters (and only them)
 * Uses DATABASE_URL (PostgreSQL) or the embedded PGlite database (stop `npm start` first).
 * Prints the manifest of expected figures as JSON.
 */
import { openMigratedDatabase } from '@/lib/db/client';
import { databaseTargetFromEnv } from '@/lib/db/config';
import { removeDemoPatrons, seedDemoPatrons } from '@/lib/analytics/demo-patrons';

function parseArgs(argv: string[]): { patrons: number; seed: number; remove: boolean } {
  const out = { patrons: 1000, seed: 1, remove: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--remove') out.remove = true;
    else if (a === '--patrons' || a === '--seed') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0 || n > 5_000_000) throw new Error(`${a} needs a whole number (got "${argv[i] ?? ''}")`);
      if (a === '--patrons') out.patrons = n;
      else out.seed = n;
    } else throw new Error(`Unknown option "${a}". Usage: npm run demo:patrons -- --patrons 100000 [--seed N] [--remove]`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { prisma, close } = await openMigratedDatabase(databaseTargetFromEnv());
  try {
    const started = Date.now();
    if (args.remove) {
      const { members } = await removeDemoPatrons(prisma);
      console.log(`Removed ${members} demo members (${((Date.now() - started) / 1000).toFixed(1)} s).`);
      return;
    }
    console.log(`Seeding ${args.patrons} demo patrons (seed ${args.seed})…`);
    const manifest = await seedDemoPatrons(prisma, { patrons: args.patrons, seed: args.seed, log: (m) => console.log(m) });
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log(JSON.stringify(manifest, null, 2));
  } finally {
    await close();
  }
}

main().catch((err: Error) => {
  console.error(
    err.message.includes('lock') ? `${err.message}\n(Is npm start running on the same embedded database? Stop it first.)` : err.message,
  );
  process.exit(1);
});
