/**
 * Build once, run many: `npm run build` (and `npm start` on embedded defaults) writes a stamp into the
 * build folder; a node on PostgreSQL serves only a build whose stamp matches the code it has.
 *
 * The stamp holds a hash of the sources (file contents, not git: a tarball or a container image has
 * no .git), the deployment id the build was made with (next.config `deploymentId`; every node of one
 * build sends the same, so a browser holding pages of an older build reloads instead of mixing
 * assets) and the settings the build baked in (security headers, which name SITE_URL and the Stripe
 * stand-in).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { securityHeaders } from '@/lib/config/security-headers';

type Env = Record<string, string | undefined>;

export const STAMP_FILE = 'patronage-build.json';

/** What `next build` compiles or bakes in. Tests are left out: editing one does not stale a build. */
export const SOURCE_PATHS = [
  'app',
  'components',
  'lib',
  // The message catalogues are compiled into the pages and the browser bundles.
  'messages',
  'public',
  'prisma/schema.prisma',
  'next.config.ts',
  'proxy.ts',
  'instrumentation.ts',
  'package-lock.json',
  'tsconfig.json',
];
const SKIPPED = [/^lib\/generated\//, /\.test\.tsx?$/, /(^|\/)\.DS_Store$/];

export type BuildStamp = { sources: string; deploymentId: string; settings: string; builtAt: string };

/** sha256 over every source file's path and contents, in a fixed order. */
export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  const visit = (rel: string): void => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) visit(path.posix.join(rel, name));
      return;
    }
    if (SKIPPED.some((re) => re.test(rel))) return;
    hash
      .update(`${rel}\0`)
      .update(rel === 'tsconfig.json' ? compilerOptions(full) : fs.readFileSync(full))
      .update('\0');
  };
  for (const p of SOURCE_PATHS) visit(p);
  return hash.digest('hex');
}

/**
 * tsconfig.json counts by its compilerOptions only: `next build` adds its build folder's types to
 * "include", which would make every build with NEXT_DIST_DIR stale once the file is checked out again.
 */
function compilerOptions(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.stringify((JSON.parse(text) as { compilerOptions?: unknown }).compilerOptions ?? null);
  } catch {
    return text;
  }
}

/** The settings a build bakes in; a build made with others serves the wrong headers. */
export function buildSettings(env: Env, dbKind: 'postgres' | 'pglite'): string {
  return JSON.stringify({
    site: env.SITE_URL,
    db: dbKind,
    stripe: env.STRIPE_API_HOST ?? 'stripe',
    mail: Boolean(env.EMAIL_SERVER),
    headers: securityHeaders(env),
  });
}

/** DEPLOYMENT_ID when the operator set one, else one named after the sources. */
export function deploymentIdFor(env: Env, sources: string): string {
  return env.DEPLOYMENT_ID?.trim() || `p-${sources.slice(0, 16)}`;
}

export function readStamp(root: string, distDir: string): BuildStamp | null {
  const dir = path.resolve(root, distDir);
  if (!fs.existsSync(path.join(dir, 'BUILD_ID'))) return null;
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8')) as Partial<BuildStamp>;
    return typeof stamp.sources === 'string' && typeof stamp.deploymentId === 'string' && typeof stamp.settings === 'string'
      ? (stamp as BuildStamp)
      : null;
  } catch {
    return null;
  }
}

export function writeStamp(root: string, distDir: string, stamp: BuildStamp): void {
  fs.writeFileSync(path.join(path.resolve(root, distDir), STAMP_FILE), JSON.stringify(stamp, null, 2));
}

export type BuildCheck = { ok: true; stamp: BuildStamp } | { ok: false; problem: string };

/**
 * Whether the build in `distDir` may be served: it exists, was made from these sources, and (when
 * given) with these settings and this DEPLOYMENT_ID. `problem` is one sentence saying what to do.
 */
export function checkBuild(root: string, distDir: string, expect: { settings?: string; env?: Env } = {}): BuildCheck {
  const stamp = readStamp(root, distDir);
  const rebuild = `Run \`npm run build\` with the settings the nodes run with${distDir === '.next' ? '' : ` (NEXT_DIST_DIR=${distDir})`}, then start again.`;
  if (!stamp)
    return {
      ok: false,
      problem: `There is no build in ${distDir}/ (or it has no ${STAMP_FILE}): serving never builds on PostgreSQL. ${rebuild}`,
    };
  if (stamp.sources !== sourceHash(root))
    return {
      ok: false,
      problem: `The build in ${distDir}/ is stale: the sources changed after it was built (${stamp.builtAt}). ${rebuild}`,
    };
  if (expect.settings !== undefined && stamp.settings !== expect.settings) {
    return {
      ok: false,
      problem: `The build in ${distDir}/ was made with other settings (SITE_URL, the database kind, Stripe or mail settings are baked into its headers). ${rebuild}`,
    };
  }
  const wanted = expect.env?.DEPLOYMENT_ID?.trim();
  if (wanted && wanted !== stamp.deploymentId) {
    return {
      ok: false,
      problem: `DEPLOYMENT_ID is "${wanted}" but the build in ${distDir}/ was made as "${stamp.deploymentId}". ${rebuild}`,
    };
  }
  return { ok: true, stamp };
}
