/**
 * next-auth wants its adapter synchronously, but getDb() is async (PGlite opens lazily). This
 * adapter awaits getDb() in each method and delegates to @auth/prisma-adapter built for that client.
 */
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import { getDb } from '@/lib/db/client';

type AnyFn = (...args: unknown[]) => unknown;
const byClient = new WeakMap<object, Record<string, AnyFn>>();

async function inner(): Promise<Record<string, AnyFn>> {
  const db = await getDb();
  let adapter = byClient.get(db);
  if (!adapter) {
    adapter = PrismaAdapter(db as never) as unknown as Record<string, AnyFn>;
    byClient.set(db, adapter);
  }
  return adapter;
}

const METHODS = [
  'createUser',
  'getUser',
  'getUserByEmail',
  'getUserByAccount',
  'updateUser',
  'deleteUser',
  'linkAccount',
  'unlinkAccount',
  'getSessionAndUser',
  'createSession',
  'updateSession',
  'deleteSession',
  'createVerificationToken',
  'useVerificationToken',
] as const;

export function lazyPrismaAdapter(): Adapter {
  const adapter: Record<string, AnyFn> = {};
  for (const name of METHODS) {
    adapter[name] = async (...args: unknown[]) => {
      const a = await inner();
      return a[name]!(...args);
    };
  }
  return adapter as unknown as Adapter;
}
