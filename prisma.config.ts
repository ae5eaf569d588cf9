import { defineConfig } from 'prisma/config';

// Migrations are created and applied by scripts/db.ts through Prisma's wasm schema engine
// (the native engine cannot be downloaded on offline machines); this file serves `prisma generate`
// and, on an online machine, a stock `prisma migrate deploy` with DATABASE_URL set.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/patronage' },
});
