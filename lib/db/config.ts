import path from 'node:path';

/** Where the data lives: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:…")`);
    }
    return { kind: 'postgres', url };
  }
  return {
    kind: 'pglite',
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR?.trim() || path.join(process.cwd(), 'data', 'pglite')),
  };
}
