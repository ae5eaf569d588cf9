import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBuild, deploymentIdFor, sourceHash, writeStamp } from './build-stamp';

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const build = (settings = 's') => {
  write('.next/BUILD_ID', 'abc');
  writeStamp(root, '.next', { sources: sourceHash(root), deploymentId: 'p-1', settings, builtAt: '2026-12-06T10:00:00Z' });
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-stamp-'));
  write('app/page.tsx', 'export default 1');
  write('lib/x.ts', 'export const x = 1');
  write('package-lock.json', '{}');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('build stamp', () => {
  it('hashes contents, not times or git; tests and generated code do not count', () => {
    const h = sourceHash(root);
    fs.utimesSync(path.join(root, 'lib/x.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    write('lib/x.test.ts', 'test');
    write('lib/generated/prisma/client.ts', 'generated');
    expect(sourceHash(root)).toBe(h);
    write('lib/x.ts', 'export const x = 2');
    expect(sourceHash(root)).not.toBe(h);
    write('package-lock.json', '{"v":2}');
    expect(sourceHash(root)).not.toBe(h);
  });

  it('tsconfig.json counts by its compiler options, not the build folders next build adds to "include"', () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true }, include: ['**/*.ts'] }));
    const h = sourceHash(root);
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true }, include: ['**/*.ts', '.next-x/types/**/*.ts'] }, null, 2));
    expect(sourceHash(root)).toBe(h);
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: false }, include: ['**/*.ts'] }));
    expect(sourceHash(root)).not.toBe(h);
  });

  it('a missing build is refused with a message saying what to run', () => {
    const check = checkBuild(root, '.next');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatch(/There is no build in \.next\/.*serving never builds on PostgreSQL\. Run `npm run build`/);
    write('.next/BUILD_ID', 'abc'); // a bare `next build` without the stamp
    expect(checkBuild(root, '.next').ok).toBe(false);
    expect(checkBuild(root, '.next-x').ok || (checkBuild(root, '.next-x') as { problem: string }).problem).toMatch(
      /NEXT_DIST_DIR=\.next-x/,
    );
  });

  it('a build older than the sources is refused as stale; a current one is served', () => {
    build();
    expect(checkBuild(root, '.next', { settings: 's' })).toMatchObject({ ok: true, stamp: { deploymentId: 'p-1' } });
    write('app/page.tsx', 'export default 2');
    const check = checkBuild(root, '.next', { settings: 's' });
    expect(!check.ok && check.problem).toMatch(/is stale: the sources changed after it was built/);
  });

  it('other baked-in settings, or another DEPLOYMENT_ID, are refused', () => {
    build('{"site":"https://a.example"}');
    expect(!checkBuild(root, '.next', { settings: '{"site":"https://b.example"}' }).ok).toBe(true);
    const other = checkBuild(root, '.next', { env: { DEPLOYMENT_ID: 'v2' } });
    expect(!other.ok && other.problem).toMatch(/DEPLOYMENT_ID is "v2" but the build .* was made as "p-1"/);
    expect(checkBuild(root, '.next', { env: { DEPLOYMENT_ID: 'p-1' } }).ok).toBe(true);
  });

  it("the deployment id is the operator's, else named after the sources", () => {
    expect(deploymentIdFor({ DEPLOYMENT_ID: 'release-42' }, 'f'.repeat(64))).toBe('release-42');
    expect(deploymentIdFor({}, 'abcdef0123456789ffff')).toBe('p-abcdef0123456789');
  });
});
