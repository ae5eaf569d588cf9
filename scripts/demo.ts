/**
 *   npm run demo:seed     load the demo newsroom (prisma/demo) into the database
 *   npm run demo:remove   delete the demo content (stop `npm start` first when using the embedded database)
 */
import { openMigratedDatabase } from '@/lib/db/client';
import { databaseTargetFromEnv } from '@/lib/db/config';
import { removeDemo, seedDemo } from '@/lib/articles/demo-content';
import { removeDemoPatrons } from '@/lib/analytics/demo-patrons';
import { removeDemoRounds, seedDemoRounds } from '@/lib/voting/demo-rounds';
import { removeDemoSpending, seedDemoSpending } from '@/lib/transparency/demo-spending';
import { removeDemoNewsletters, seedDemoNewsletters } from '@/lib/newsletters/demo';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'seed' && command !== 'remove') throw new Error('Usage: tsx scripts/demo.ts seed|remove');
  const target = databaseTargetFromEnv();
  const { prisma, close } = await openMigratedDatabase(target);
  try {
    if (command === 'seed') {
      console.log(`Seeded ${await seedDemo(prisma)} demo article(s).`);
      console.log(
        `Seeded ${(await seedDemoRounds(prisma)).length} demo topic round(s) (the demo patrons vote in them: npm run demo:patrons).`,
      );
      console.log(`Seeded ${await seedDemoSpending(prisma)} demo spending entries.`);
      console.log(`Seeded ${await seedDemoNewsletters(prisma)} demo newsletters.`);
    } else {
      const newsletters = await removeDemoNewsletters(prisma);
      if (newsletters) console.log(`Removed ${newsletters} demo newsletters.`);
      const spending = await removeDemoSpending(prisma);
      if (spending) console.log(`Removed ${spending} demo spending entries.`);
      const rounds = await removeDemoRounds(prisma);
      if (rounds) console.log(`Removed ${rounds} demo topic rounds.`);
      const patrons = await removeDemoPatrons(prisma);
      if (patrons.members) console.log(`Removed ${patrons.members} demo patrons.`);
      const removed = await removeDemo(prisma);
      console.log(
        `Removed demo content: ${removed.articles} articles, ${removed.sections} sections, ${removed.authors} authors, ${removed.tags} tags.`,
      );
    }
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
