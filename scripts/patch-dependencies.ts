/**
 * Run by `npm install` (postinstall): mends known upstream bugs in installed dependencies, in place,
 * until a release carries the fix. Idempotent; says what it did. Each patch names its upstream issue.
 *
 * next 16.4.6 (React's Flight server, compiled into next/dist/compiled/…): every successful render
 * aborts its cacheSignal with `Error("This render completed successfully…")`. V8 captures that Error's
 * stack as frames holding their receivers — among them the `Immediate` the render finished in, whose
 * `_idleNext` leads to the next request's Immediate and its async context, whose abort reason holds the
 * next… so one long-lived reference to any request keeps every later request's render state alive
 * (react/react#37288, fixed by the open react/react#37289; vercel/next.js#97348, #84648). The patch
 * creates that Error without a stack, as #37289 does. README "Memory" has the measurements.
 *
 * next 16.4.6 `sendRenderResult`: every cache hit hashes the page for its ETag and sends a string body
 * that Node 20 encodes slowly above 64 KiB; scripts/patch-static-payload.ts keeps the bytes and ETag.
 * And it imports the custom cache handler on every request, slow under tsx's loader hooks
 * (`npm run serve`); scripts/patch-memoized-import.ts imports it once.
 *
 * next 16.4.6 route matching: the route's regex, the rewrites' matchers and a header route that only
 * RSC requests use were worked out again for every request; scripts/patch-route-matching.ts keeps them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { patchMemoizedImport } from './patch-memoized-import';
import { patchRouteMatching } from './patch-route-matching';
import { patchStaticPayload } from './patch-static-payload';

export const RENDER_COMPLETED_ERROR =
  /Error\(\s*"This render completed successfully\. All cacheSignals are now aborted to allow clean up of any unused resources\."\s*\)/g;
export const PATCH_MARKER = '/*patronage:stackless-abort-reason*/';
/** What replaces it: the same Error, created with no stack (Error.stackTraceLimit = 0 for that one call). */
export const STACKLESS_ERROR = `${PATCH_MARKER}(function(m){var l=Error.stackTraceLimit;Error.stackTraceLimit=0;try{return Error(m)}finally{Error.stackTraceLimit=l}})("This render completed successfully. All cacheSignals are now aborted to allow clean up of any unused resources.")`;

/** Every .js file below `dir`. */
function jsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Patches Next's compiled React server files below `nextDir`; returns how many were patched now and before. */
export function patchRenderCompletedAbortReason(nextDir: string): { patched: string[]; alreadyPatched: string[] } {
  const patched: string[] = [];
  const alreadyPatched: string[] = [];
  for (const file of jsFiles(path.join(nextDir, 'dist', 'compiled'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('This render completed successfully')) continue;
    const next = text.replace(RENDER_COMPLETED_ERROR, STACKLESS_ERROR);
    if (next !== text) {
      fs.writeFileSync(file, next);
      patched.push(file);
    } else if (text.includes(PATCH_MARKER)) alreadyPatched.push(file);
  }
  return { patched, alreadyPatched };
}

function main(): void {
  const nextDir = path.join(process.cwd(), 'node_modules', 'next');
  const { patched, alreadyPatched } = patchRenderCompletedAbortReason(nextDir);
  if (patched.length + alreadyPatched.length === 0) {
    // The text changed: an upgrade may carry the fix. scripts/patch-dependencies.test.ts says which.
    console.warn('[patch-dependencies] next: the render-completed abort reason was not found; check react/react#37289 (README "Memory").');
  } else {
    console.log(
      `[patch-dependencies] next: stackless render-completed abort reason in ${patched.length} file(s) now, ${alreadyPatched.length} already.`,
    );
  }
  // The others: when a file is not as expected, their tests say which text changed.
  for (const [what, patch] of [
    ['cached pages sent as kept bytes', patchStaticPayload],
    ['the cache handler imported once', patchMemoizedImport],
    ['route matching kept between requests', patchRouteMatching],
  ] as const) {
    const { patched, alreadyPatched, unknown } = patch(nextDir);
    if (unknown.length) console.warn(`[patch-dependencies] next: not the expected text, left unpatched: ${unknown.join(', ')}`);
    console.log(`[patch-dependencies] next: ${what} in ${patched.length} file(s) now, ${alreadyPatched.length} already.`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
