import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The arrows of the architecture (README): app → lib → db; components never touch the database;
// nothing in the app imports the Stripe stand-in, which is test equipment.

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('generated'))
    .map((f) => path.join(dir, f));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

// Test support: *.test.ts, and modules named testing.ts or testing-*.ts (used by tests and benches only).
const isTestSupport = (f: string) => /\.test\.tsx?$/.test(f) || /^testing(-[\w-]+)?\.ts$/.test(path.basename(f));

describe('architecture', () => {
  it('no app, lib or component module imports the Stripe stand-in', () => {
    const offenders = ['app', 'lib', 'components']
      .flatMap(sourceFiles)
      .filter((f) => !isTestSupport(f))
      .filter((f) => importsOf(f).some((i) => i.includes('sandbox/')));
    expect(offenders).toEqual([]);
  });

  it('test support modules (testing.ts) are used by tests only', () => {
    const offenders = ['app', 'lib', 'components']
      .flatMap(sourceFiles)
      .filter((f) => !isTestSupport(f))
      .filter((f) => importsOf(f).some((i) => /\/testing(-[\w-]+)?(\.ts)?$/.test(i)));
    expect(offenders).toEqual([]);
  });

  it('components never reach the database', () => {
    const offenders = sourceFiles('components').filter((f) => importsOf(f).some((i) => /lib\/db|generated\/prisma|@prisma\//.test(i)));
    expect(offenders).toEqual([]);
  });

  it('components never import from app/ (pages and actions use components, not the other way round)', () => {
    const offenders = sourceFiles('components').filter((f) =>
      importsOf(f).some((i) => i.startsWith('@/app/') || /(^|\/)\.\.\/app\//.test(i)),
    );
    expect(offenders).toEqual([]);
  });

  it('this check sees imports (self-test)', () => {
    expect(importsOf('tests/architecture.test.ts')).toContain('vitest');
  });
});
