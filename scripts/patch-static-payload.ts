/**
 * A patch applied by scripts/patch-dependencies.ts (postinstall) to next 16.4.6's `sendRenderResult`
 * (next/dist/server/send-payload.js and its ESM twin, which Turbopack bundles into every app route):
 * a cached page is sent as bytes kept from the last time, with the ETag computed then.
 *
 * Unpatched, every cache hit (a static or ISR page served from Next's cache) hashes the whole HTML in
 * JavaScript for its ETag (0.27 ms for the 45 kB bare page, 0.45 ms for our 73 kB article) and hands
 * the string to `res.end`. On Node 20, a string body above 64 KiB (with the headers) falls off a cliff:
 * http's corked writev encodes it into a fresh allocation of three times its length, an mmap and munmap
 * per response (a plain `http` server sending our article's HTML: 1,250 req/s as a string, 11,000 as a
 * Buffer; bench/README "Cached pages on a node: two Next.js costs patched" has the measurements).
 * Both costs scale with the page and are the same every time for a page that caches may keep, so they
 * are paid once per page body instead.
 *
 * Only payloads with a cache lifetime (`cacheControl.revalidate !== 0`: static and ISR pages) are kept,
 * by identity of the cached string and at most STATIC_PAYLOAD_BYTES in all (least recently sent go
 * first); other payloads are still sent as a Buffer, encoded once. The ETag, Content-Length and bytes
 * are exactly what Next sent before.
 */
import path from 'node:path';
import { patchFiles, type PatchReport } from './patch-files';

export const STATIC_PAYLOAD_MARKER = '/*patronage:static-payload*/';
/** At most this many bytes of encoded pages are kept per process (about 50 articles). */
export const STATIC_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** Appended to the patched file (a function declaration: hoisted, so callable from above it). */
export const STATIC_PAYLOAD_HELPER = `
${STATIC_PAYLOAD_MARKER}
const patronageStaticPayloads = new Map();
let patronageStaticPayloadBytes = 0;
function patronageStaticPayload(payload, cacheControl) {
    const reusable = !!cacheControl && cacheControl.revalidate !== 0;
    let entry = reusable ? patronageStaticPayloads.get(payload) : undefined;
    if (entry) {
        patronageStaticPayloads.delete(payload);
        patronageStaticPayloads.set(payload, entry);
        return entry;
    }
    entry = { body: Buffer.from(payload, 'utf8'), etag: undefined };
    if (!reusable || entry.body.length > ${STATIC_PAYLOAD_BYTES} / 8) return entry;
    patronageStaticPayloads.set(payload, entry);
    patronageStaticPayloadBytes += entry.body.length;
    for (const [key, old] of patronageStaticPayloads) {
        if (patronageStaticPayloadBytes <= ${STATIC_PAYLOAD_BYTES}) break;
        patronageStaticPayloads.delete(key);
        patronageStaticPayloadBytes -= old.body.length;
    }
    return entry;
}
`;

/** Each replacement: the text in next 16.4.6 (CommonJS or ESM build) and what it becomes. */
const REPLACEMENTS: { from: RegExp; to: string }[] = [
  {
    from: /const payload = result\.isDynamic \? null : result\.toUnchunkedString\(\);/,
    to: 'const payload = result.isDynamic ? null : result.toUnchunkedString();\n    const encoded = payload === null ? null : patronageStaticPayload(payload, cacheControl);',
  },
  // The ETag: `generateETag(payload)` (ESM) or `(0, _etag.generateETag)(payload)` (CommonJS), once per kept payload.
  { from: /const etag = ((?:\(0, _etag\.)?generateETag\)?)\(payload\);/, to: 'const etag = encoded.etag ??= $1(payload);' },
  {
    from: /res\.setHeader\('Content-Length', Buffer\.byteLength\(payload\)\);/,
    to: "res.setHeader('Content-Length', encoded.body.length);",
  },
  { from: /res\.end\(payload\);/, to: 'res.end(encoded.body);' },
];

/** The patched text of one send-payload.js, or null when it is not the text this patch knows. */
export function patchSendPayloadSource(text: string): string | null {
  if (text.includes(STATIC_PAYLOAD_MARKER)) return text;
  let next = text;
  for (const { from, to } of REPLACEMENTS) {
    if (!from.test(next)) return null;
    next = next.replace(from, to);
  }
  return next + STATIC_PAYLOAD_HELPER;
}

/** Patches next/dist/server/send-payload.js and next/dist/esm/server/send-payload.js below `nextDir`. */
export function patchStaticPayload(nextDir: string): PatchReport {
  const files = ['dist/server/send-payload.js', 'dist/esm/server/send-payload.js'].map((rel) => path.join(nextDir, rel));
  return patchFiles(files, patchSendPayloadSource);
}
