/**
 * A patch applied by scripts/patch-dependencies.ts (postinstall) to next 16.4.6: the server imports a
 * custom cache handler (next.config `cacheHandler`, lib/cache/page-cache-handler.mjs) with `import()`
 * on every request (`getIncrementalCache`), and that import is remembered once per module path instead.
 *
 * The same function is defined in the server's files and, minified, in each compiled runtime that app
 * pages and route handlers run from (dist/compiled/next-server/*.runtime.prod.js).
 *
 * An `import()` of a module already loaded is cheap in plain Node, but `npm run serve` runs under tsx,
 * whose ESM loader hooks answer every `import()` from a separate thread: on the cached article page
 * that round trip was 12% of the node's CPU, and `npm run serve` served 0.7 of what `next start` does
 * on the same build (bench/README "Cached pages on a node: two Next.js costs patched"). import() of
 * one path always yields the same module, so remembering the module changes nothing else; a failed
 * import is not remembered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { patchFiles, type PatchReport } from './patch-files';

export const MEMOIZED_IMPORT_MARKER = '/*patronage:memoized-import*/';

/** The readable files that define `dynamicImportEsmDefault` (CommonJS and ESM builds of the server and route modules). */
export const MEMOIZED_IMPORT_FILES = [
  'dist/server/next-server.js',
  'dist/esm/server/next-server.js',
  'dist/server/route-modules/route-module.js',
  'dist/esm/server/route-modules/route-module.js',
];
/** The compiled runtimes the route modules actually run from; each defines it once, minified. */
export const COMPILED_RUNTIMES = 'dist/compiled/next-server';

const DEFINITION = /^const dynamicImportEsmDefault = (.+);$/m;
/** `oJ=e=>import(e).then(e=>e.default||e)` in a compiled runtime (names vary per file). */
const MINIFIED_DEFINITION = /([A-Za-z_$][\w$]*)=([a-z])=>import\(\2\)\.then\(([a-z])=>\3\.default\|\|\3\)/;

/**
 * Wraps an `(id) => Promise` loader so each id is loaded once. It keeps the loaded module, not a
 * promise: a promise made while serving a request would hold that request's async context for the
 * life of the process (README "Memory"). Two first calls at once both load (import() shares the
 * work); a failed import is not kept, so the next call tries again.
 */
export const MEMOIZE = `((load, kept = new Map()) => (id) => kept.has(id) ? Promise.resolve(kept.get(id)) : load(id).then((mod) => {
    kept.set(id, mod);
    return mod;
}))`;

/** The patched text of one file, or null when it is not the text this patch knows. */
export function patchImportSource(text: string): string | null {
  if (text.includes(MEMOIZED_IMPORT_MARKER)) return text;
  const readable = DEFINITION.exec(text);
  if (readable)
    return text.replace(DEFINITION, () => `const dynamicImportEsmDefault = ${MEMOIZED_IMPORT_MARKER} ${MEMOIZE}(${readable[1]});`);
  const minified = MINIFIED_DEFINITION.exec(text);
  if (!minified) return null;
  const [definition, name] = minified;
  return text.replace(definition, () => `${name}=${MEMOIZED_IMPORT_MARKER}${MEMOIZE}(${definition.slice(name!.length + 1)})`);
}

/** Patches the files of MEMOIZED_IMPORT_FILES and the compiled runtimes below `nextDir`. */
export function patchMemoizedImport(nextDir: string): PatchReport {
  const compiled = path.join(nextDir, COMPILED_RUNTIMES);
  const runtimes = fs.existsSync(compiled) ? fs.readdirSync(compiled).filter((f) => f.endsWith('.runtime.prod.js')) : [];
  const files = [...MEMOIZED_IMPORT_FILES.map((rel) => path.join(nextDir, rel)), ...runtimes.map((f) => path.join(compiled, f))];
  const result = patchFiles(files, patchImportSource);
  if (!runtimes.length) result.unknown.push(compiled);
  return result;
}
