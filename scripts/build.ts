/**
 * `npm run build`: builds the app once for every node that will serve it. Applies pending migrations
 * first (under the same lock as start-up: lib/db/prepare.ts), because `next build` prerenders pages
 * from the database. Run it with the settings the nodes run with: SITE_URL, DATABASE_URL,
 * NEXTAUTH_SECRET (the Server Actions key is derived from it), Stripe and mail settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databaseTargetFromEnv } from '@/lib/db/config';
import { prepareDatabase } from '@/lib/db/prepare';
import { buildApp } from './build-app';
import { buildSettings } from './build-stamp';
import { resolveStartEnv, sessionSecret, standInWiring } from './start-config';

const root = process.cwd();
const log = (message: string) => console.log(`[build] ${message}`);

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const port = Number(env.PORT ?? 3000);
  const { problems } = resolveStartEnv(env, port);
  if (problems.length) throw new Error(`Refusing to build:\n- ${problems.join('\n- ')}`);
  env.NEXTAUTH_SECRET = sessionSecret(env, root);
  // The headers a build bakes in name the local Stripe stand-in that `npm start` will run.
  if (!env.STRIPE_SECRET_KEY)
    Object.assign(env, standInWiring(env, { app: port, standIn: Number(env.STRIPE_SANDBOX_PORT ?? 12111) }, root).app);
  const target = databaseTargetFromEnv(env);
  if (target.kind === 'pglite') fs.mkdirSync(target.dataDir, { recursive: true });
  const { applied } = await prepareDatabase(target, { log });
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  const distDir = env.NEXT_DIST_DIR || '.next';
  await buildApp(root, env, distDir, buildSettings(env, target.kind));
  log(`Built ${path.join(distDir, 'BUILD_ID')}: serve it with \`npm start\` or \`npm run serve\` on every node.`);
}

main().catch((err: Error) => {
  console.error(`[build] ${err.message}`);
  process.exit(1);
});
