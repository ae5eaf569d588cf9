import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PATCH_MARKER, RENDER_COMPLETED_ERROR, STACKLESS_ERROR, patchRenderCompletedAbortReason } from './patch-dependencies';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** An object that is the receiver of a frame on the stack while `make` runs; reports whether it was collected. */
async function receiverSurvives(make: () => unknown): Promise<boolean> {
  class Holder {
    payload = new Uint8Array(1 << 20);
    run(): unknown {
      return make();
    }
  }
  const made: { ref?: WeakRef<Holder>; kept?: unknown } = {};
  (() => {
    const holder = new Holder();
    made.ref = new WeakRef(holder);
    made.kept = holder.run();
  })();
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  expect(made.kept).toBeInstanceOf(Error);
  return made.ref!.deref() !== undefined;
}

describe('the render-completed abort reason (next 16.4.6, react/react#37288)', () => {
  it('a plain Error keeps the receivers of the frames it was created in alive (the retaining path)', async () => {
    expect(await receiverSurvives(() => new Error('with a stack'))).toBe(true);
  });

  it('the patched expression makes the same Error without keeping them, and restores the stack limit', async () => {
    const limit = Error.stackTraceLimit;
    expect(await receiverSurvives(() => vm.runInThisContext(STACKLESS_ERROR))).toBe(false);
    expect(Error.stackTraceLimit).toBe(limit);
    expect((vm.runInThisContext(STACKLESS_ERROR) as Error).message).toMatch(/^This render completed successfully\./);
  });

  it('patches minified and formatted copies once, and leaves other files alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patch-next-'));
    const compiled = path.join(dir, 'dist', 'compiled', 'x');
    fs.mkdirSync(compiled, { recursive: true });
    const message = '"This render completed successfully. All cacheSignals are now aborted to allow clean up of any unused resources."';
    fs.writeFileSync(path.join(compiled, 'min.js'), `a&&e.cacheController.abort(Error(${message})),b()`);
    fs.writeFileSync(path.join(compiled, 'dev.js'), `request.cacheController.abort(\n  Error(\n    ${message}\n  )\n);`);
    fs.writeFileSync(path.join(compiled, 'other.js'), 'abort(Error("something else"))');
    expect(patchRenderCompletedAbortReason(dir).patched).toHaveLength(2);
    const again = patchRenderCompletedAbortReason(dir);
    expect(again).toMatchObject({
      patched: [],
      alreadyPatched: [expect.stringContaining('dev.js'), expect.stringContaining('min.js')].sort(),
    });
    expect(fs.readFileSync(path.join(compiled, 'min.js'), 'utf8')).toBe(`a&&e.cacheController.abort(${STACKLESS_ERROR}),b()`);
    expect(fs.readFileSync(path.join(compiled, 'other.js'), 'utf8')).toBe('abort(Error("something else"))');
  });

  it('the installed Next.js is patched (npm install ran scripts/patch-dependencies.ts)', () => {
    const compiled = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'compiled', 'next-server', 'app-page-turbo.runtime.prod.js');
    const text = fs.readFileSync(compiled, 'utf8');
    // When an upgrade no longer contains the message, check react/react#37289 and drop the patch.
    expect(text.match(RENDER_COMPLETED_ERROR)).toBeNull();
    expect(text).toContain(PATCH_MARKER);
  });
});
