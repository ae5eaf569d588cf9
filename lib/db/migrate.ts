/**
 * Prisma migrations without the native schema engine: the same engine in its wasm build
 * (@prisma/schema-engine-wasm), driven through driver adapters. The folder format and the
 * `_prisma_migrations` table are Prisma's own, so a stock `prisma migrate deploy` accepts the result.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory, SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseTarget } from './config';
import type { Sql } from './sql';
import { openPglite } from './pglite';

const require = createRequire(import.meta.url);

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'prisma', 'migrations');
export const SCHEMA_PATH = path.resolve(process.cwd(), 'prisma', 'schema.prisma');
const LOCKFILE = 'migration_lock.toml';
const NO_FILTER = { externalTables: [], externalEnums: [] };

type WasmModule = typeof import('@prisma/schema-engine-wasm');
type SchemaEngine = Awaited<ReturnType<WasmModule['SchemaEngine']['new']>>;
type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'];

let wasmModule: Promise<WasmModule> | undefined;

/** wasm-bindgen "bundler" output: instantiate it ourselves, once per process. */
function loadEngineModule(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (m: string) => {
        lastPanic = m;
      },
    };
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const pkgDir = path.dirname(bgPath);
    const bg = await import(pathToFileURL(bgPath).href);
    const bytes = await fs.readFile(path.join(pkgDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg as WasmModule;
  })();
  return wasmModule;
}
let lastPanic = '';

/**
 * Runs each migration script whole, in one simple-protocol call. The stock adapters get this wrong:
 * adapter-pg splits scripts on ";" (breaking `$$ … $$` function bodies), and pglite-prisma-adapter
 * 0.7.2 does not await exec(), so a failing migration would be recorded as applied.
 */
function wholeScriptExecution(
  factory: SqlMigrationAwareDriverAdapterFactory,
  exec: (sql: string) => Promise<unknown>,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      adapter.executeScript = async (script: string) => {
        await exec(script);
      };
      return adapter;
    },
  };
}

/** Applies migrations through a PGlite instance the caller owns (tests, the start script). */
export async function applyMigrationsToPglite(pglite: PGlite): Promise<string[]> {
  const migrationsList = await readMigrations();
  const out = await withEngine(await pgliteFactory(pglite), (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
  return out.appliedMigrationNames;
}

async function pgliteFactory(pglite: PGlite): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const factory = wholeScriptExecution(new PrismaPGlite(pglite), (sql) => pglite.exec(sql));
  // The adapter's own shadow database is a bare PGlite: without our extensions (pg_trgm) and with the unawaited exec.
  factory.connectToShadowDb = async () => {
    const shadow = await openPglite('memory://');
    return await wholeScriptExecution(new PrismaPGlite(shadow), (sql) => shadow.exec(sql)).connect();
  };
  return factory;
}

async function adapterFactoryFor(
  target: DatabaseTarget,
): Promise<{ factory: SqlMigrationAwareDriverAdapterFactory; close: () => Promise<void> }> {
  if (target.kind === 'postgres') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: target.url, max: 1 });
    return {
      factory: wholeScriptExecution(new PrismaPg({ connectionString: target.url, max: 2 }), (sql) => pool.query(sql)),
      close: () => pool.end(),
    };
  }
  const pglite = await openPglite(target.dataDir);
  return { factory: await pgliteFactory(pglite), close: () => pglite.close() };
}

async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const mod = await loadEngineModule();
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  const schema = await fs.readFile(SCHEMA_PATH, 'utf8');
  const logs: string[] = [];
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (msg: string) => logs.push(msg),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } catch (err) {
    throw new Error(`Prisma schema engine: ${engineErrorMessage(err)}${lastPanic ? ` (panic: ${lastPanic})` : ''}`);
  } finally {
    engine.free();
  }
}

function engineErrorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return JSON.stringify(err);
}

/** Reads prisma/migrations the way the Prisma CLI hands it to the engine. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const content = await fs.readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (err: Error) => ({ tag: 'error' as const, value: err.message }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockContent = await fs.readFile(path.join(dir, LOCKFILE), 'utf8').catch(() => null);
  return { baseDir: dir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

/** Migrations in prisma/migrations that the database has not applied (for /api/health). */
export async function pendingMigrationNames(sql: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const applied = await sql.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(applied.map((r) => r.migration_name));
  return entries
    .filter((e) => e.isDirectory() && !done.has(e.name))
    .map((e) => e.name)
    .sort();
}

/** `prisma migrate deploy`: applies pending migrations, returns their names. */
export async function applyMigrations(target: DatabaseTarget): Promise<string[]> {
  const migrationsList = await readMigrations();
  const { factory, close } = await adapterFactoryFor(target);
  try {
    const out = await withEngine(factory, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * SQL that takes the database described by prisma/migrations to the one schema.prisma describes,
 * computed on throwaway in-memory PGlite databases. Empty string: no drift.
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const migrationsList = await readMigrations();
  const { factory, close } = await adapterFactoryFor({ kind: 'pglite', dataDir: 'memory://' });
  const schema = await fs.readFile(SCHEMA_PATH, 'utf8');
  try {
    const out = await withEngine(factory, (engine) =>
      engine.diff({
        from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      }),
    );
    const sql = out.stdout ?? '';
    return /^\s*(--.*\s*)*$/.test(sql) && !/\b(CREATE|ALTER|DROP)\b/i.test(sql) ? '' : sql;
  } finally {
    await close();
  }
}

/** `prisma migrate dev --create-only`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql. */
export async function createMigration(name: string, now = new Date()): Promise<{ dir: string; sql: string } | null> {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error('Migration names use letters, digits and underscores only, e.g. add_tiers');
  const sql = await diffMigrationsToSchema();
  if (!sql) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'migration.sql'), sql);
  const lock = path.join(MIGRATIONS_DIR, LOCKFILE);
  await fs
    .access(lock)
    .catch(() =>
      fs.writeFile(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      ),
    );
  return { dir, sql };
}
