/**
 * `npm test`: every test. Type check → Vitest on PGlite → Vitest's database tests again on
 * PostgreSQL when TEST_DATABASE_URL is set → Playwright end-to-end in Chromium.
 * Ends with one line "tests: N passed, N failed" summing all runners.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems: string[] = [];

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  console.log(`\n=== ${label} ===`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

type VitestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; success: boolean };
type PlaywrightJson = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };

async function vitest(label: string, env: NodeJS.ProcessEnv, filters: string[] = []): Promise<void> {
  const out = path.join('test-results', `${label.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const code = await run(
    label,
    bin('vitest'),
    ['run', ...filters, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  if (!fs.existsSync(out)) {
    failed++;
    problems.push(`${label}: no results (exit ${code})`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8')) as VitestJson;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  if (code !== 0 && r.numFailedTests === 0) {
    failed++;
    problems.push(`${label}: exit ${code} (a file failed to load?)`);
  }
}

async function main(): Promise<void> {
  const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  fs.mkdirSync('test-results', { recursive: true });

  const tsc = await run('Type check (tsc --noEmit)', bin('tsc'), ['--noEmit'], base);
  if (tsc === 0) passed++;
  else {
    failed++;
    problems.push('type check');
  }

  const lint = await run('Lint and format (npm run lint: ESLint, Prettier)', 'npm', ['run', '--silent', 'lint'], base);
  if (lint === 0) passed++;
  else {
    failed++;
    problems.push('lint');
  }

  const pgUrl = base.TEST_DATABASE_URL;
  await vitest('Unit and integration tests (PGlite)', { ...base, TEST_DATABASE_URL: '' });
  if (pgUrl) await vitest('Database tests on PostgreSQL', { ...base, TEST_DATABASE_URL: pgUrl }, ['lib', 'scripts']);
  else console.log('\n(TEST_DATABASE_URL is not set: database tests ran on PGlite only.)');

  if (process.env.SKIP_E2E !== '1') {
    const out = path.join('test-results', 'e2e.json');
    fs.rmSync(out, { force: true });
    const code = await run('End-to-end (Playwright, Chromium)', bin('playwright'), ['test'], base);
    if (fs.existsSync(out)) {
      const s = (JSON.parse(fs.readFileSync(out, 'utf8')) as PlaywrightJson).stats;
      passed += s.expected + s.flaky;
      failed += s.unexpected;
      skipped += s.skipped;
    }
    if (code !== 0 && !fs.existsSync(out)) {
      failed++;
      problems.push(`end-to-end: exit ${code}`);
    }
  }

  if (problems.length) console.log(`\nProblems: ${problems.join('; ')}`);
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed ? 1 : 0);
}

main().catch((err: Error) => {
  console.error(err);
  console.log('\ntests: 0 passed, 1 failed');
  process.exit(1);
});
