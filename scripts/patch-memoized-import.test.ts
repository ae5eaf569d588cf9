import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_RUNTIMES, MEMOIZE, MEMOIZED_IMPORT_FILES, MEMOIZED_IMPORT_MARKER, patchImportSource } from './patch-memoized-import';

const nextDir = path.join(process.cwd(), 'node_modules', 'next');
type Load = (id: string) => Promise<unknown>;
const memoize = new Function(`return ${MEMOIZE};`)() as (load: Load) => Load;

describe('the cache handler imported once (scripts/patch-memoized-import.ts)', () => {
  it('the installed Next.js defines dynamicImportEsmDefault remembered, in the server and every compiled runtime (npm install ran scripts/patch-dependencies.ts)', () => {
    for (const rel of MEMOIZED_IMPORT_FILES) {
      const text = fs.readFileSync(path.join(nextDir, rel), 'utf8');
      expect(text, rel).toContain(`const dynamicImportEsmDefault = ${MEMOIZED_IMPORT_MARKER}`);
    }
    const runtimes = fs.readdirSync(path.join(nextDir, COMPILED_RUNTIMES)).filter((f) => f.endsWith('.runtime.prod.js'));
    // The ones app pages and route handlers run from under Turbopack, among them.
    expect(runtimes).toEqual(expect.arrayContaining(['app-page-turbo.runtime.prod.js', 'app-route-turbo.runtime.prod.js']));
    for (const file of runtimes) {
      const text = fs.readFileSync(path.join(nextDir, COMPILED_RUNTIMES, file), 'utf8');
      expect(text, file).toContain(MEMOIZED_IMPORT_MARKER);
      expect(text, file).not.toMatch(/=([a-z])=>import\(\1\)\.then\(([a-z])=>\2\.default\|\|\2\)[,;]/);
    }
  });

  it('loads each module path once and answers every later call with the same module', async () => {
    const calls: string[] = [];
    const load = memoize(async (id) => {
      calls.push(id);
      return { id };
    });
    const first = await load('/app/lib/cache/page-cache-handler.mjs');
    expect(first).toEqual({ id: '/app/lib/cache/page-cache-handler.mjs' });
    expect(await load('/app/lib/cache/page-cache-handler.mjs')).toBe(first);
    await load('/app/other.mjs');
    expect(calls).toEqual(['/app/lib/cache/page-cache-handler.mjs', '/app/other.mjs']);
  });

  it('keeps the module, not a promise made by the first caller (which would hold its request context)', async () => {
    const load = memoize(async () => ({ module: true }));
    const first = load('/m.mjs');
    await first;
    const later = load('/m.mjs');
    expect(later).not.toBe(first);
    expect(await later).toBe(await first);
  });

  it('forgets a failed import, so the next call tries again, and still rejects the caller', async () => {
    let attempts = 0;
    const load = memoize(async () => {
      attempts++;
      if (attempts === 1) throw new Error('not there yet');
      return 'loaded';
    });
    await expect(load('/x.mjs')).rejects.toThrow('not there yet');
    expect(await load('/x.mjs')).toBe('loaded');
    expect(attempts).toBe(2);
  });

  it('patches the definition once, and leaves a text without it alone', () => {
    const source = 'const a = 1;\nconst dynamicImportEsmDefault = (id)=>import(id).then((mod)=>mod.default || mod);\nexport { a };\n';
    const patched = patchImportSource(source)!;
    expect(patched).toContain(`${MEMOIZED_IMPORT_MARKER} ${MEMOIZE}((id)=>import(id).then((mod)=>mod.default || mod));`);
    expect(patchImportSource(patched)).toBe(patched);
    expect(patchImportSource('const load = (id) => import(id);')).toBeNull();
  });

  it('patches the minified definition of a compiled runtime, and the result still loads', async () => {
    const minified = 'let a=1;let oJ=e=>import(e).then(e=>e.default||e);class X{}module.exports={oJ,a};';
    const patched = patchImportSource(minified)!;
    expect(patched).toBe(
      `let a=1;let oJ=${MEMOIZED_IMPORT_MARKER}${MEMOIZE}(e=>import(e).then(e=>e.default||e));class X{}module.exports={oJ,a};`,
    );
    // Loaded as Node loads a runtime (a CommonJS file whose import() Node resolves).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patch-import-')), 'runtime.cjs');
    fs.writeFileSync(file, patched);
    const { oJ } = createRequire(import.meta.url)(file) as { oJ: Load };
    const loaded = (await oJ('node:path')) as typeof path;
    expect(loaded.join('a', 'b')).toBe(path.join('a', 'b'));
    expect(await oJ('node:path')).toBe(loaded);
  });
});
