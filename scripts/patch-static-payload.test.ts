import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_PAYLOAD_BYTES, STATIC_PAYLOAD_MARKER, patchSendPayloadSource, patchStaticPayload } from './patch-static-payload';

const nextDir = path.join(process.cwd(), 'node_modules', 'next');
const require = createRequire(import.meta.url);

type SendRenderResult = (opts: {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  result: unknown;
  generateEtags: boolean;
  poweredByHeader: boolean;
  cacheControl?: { revalidate: number | false; expire?: number };
}) => Promise<void>;
// The installed, patched CommonJS build (what `next start` runs outside the bundled routes).
const { sendRenderResult } = require('next/dist/server/send-payload.js') as { sendRenderResult: SendRenderResult };
const { default: RenderResult } = require('next/dist/server/render-result.js') as {
  default: { fromStatic(s: string, type: string): unknown };
};
const { generateETag } = require('next/dist/server/lib/etag.js') as { generateETag(s: string): string };

// A page with two-byte characters, over 64 KiB, as our articles are.
const page = `<!DOCTYPE html><html><body>${'<p>Council votes 6–3 to reopen the “Eastbank” ferry.</p>'.repeat(1400)}</body></html>`;
let server: http.Server;
let base = '';
let sends: { cacheControl?: { revalidate: number | false; expire?: number } } = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = req.url === '/same' ? page : `${page}<!-- ${req.url} -->`;
    void sendRenderResult({
      req,
      res,
      result: RenderResult.fromStatic(body, 'text/html; charset=utf-8'),
      generateEtags: true,
      poweredByHeader: false,
      ...sends,
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('cached pages are sent as kept bytes (scripts/patch-static-payload.ts)', () => {
  it('the installed Next.js is patched in both builds of send-payload.js (npm install ran scripts/patch-dependencies.ts)', () => {
    for (const rel of ['dist/server/send-payload.js', 'dist/esm/server/send-payload.js']) {
      expect(fs.readFileSync(path.join(nextDir, rel), 'utf8'), rel).toContain(STATIC_PAYLOAD_MARKER);
    }
  });

  it('answers with the same bytes, Content-Length and ETag as unpatched Next, and 304 for a matching If-None-Match', async () => {
    sends = { cacheControl: { revalidate: 300, expire: 31536000 } };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/same`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(Buffer.from(page))).toBe(true);
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(page)));
      expect(res.headers.get('etag')).toBe(generateETag(page));
    }
    // With node's http: fetch adds `cache-control: no-cache` to a conditional request, and Next then answers 200.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http
        .get(`${base}/same`, { headers: { 'if-none-match': generateETag(page) } }, (res) => resolve(res.resume().statusCode))
        .on('error', reject),
    );
    expect(status).toBe(304);
  });

  it('pages that are not cached (revalidate 0) and pages without a cache lifetime are sent the same way', async () => {
    for (const cacheControl of [{ revalidate: 0 }, undefined]) {
      sends = { cacheControl };
      const res = await fetch(`${base}/dynamic-${String(cacheControl?.revalidate)}`);
      const expected = `${page}<!-- /dynamic-${String(cacheControl?.revalidate)} -->`;
      expect(await res.text()).toBe(expected);
      expect(res.headers.get('etag')).toBe(generateETag(expected));
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(expected)));
    }
  });

  it('the patched function keeps a cached page once, by the identity of its string, and no more bytes than its budget', () => {
    const source = patchSendPayloadSource(fs.readFileSync(path.join(nextDir, 'dist', 'server', 'send-payload.js'), 'utf8'));
    expect(source).not.toBeNull();
    // The helper alone, evaluated apart from Next: which entries it returns and keeps.
    const helper = source!.slice(source!.indexOf(STATIC_PAYLOAD_MARKER));
    const { keep, kept } = new Function(`${helper}; return { keep: patronageStaticPayload, kept: () => patronageStaticPayloads };`)() as {
      keep: (payload: string, cacheControl?: { revalidate: number | false }) => { body: Buffer; etag?: string };
      kept: () => Map<string, { body: Buffer }>;
    };
    const cached = { revalidate: 300 };
    const first = keep(page, cached);
    expect(keep(page, cached)).toBe(first);
    expect(keep(page, { revalidate: false })).toBe(first);
    expect(keep(page, { revalidate: 0 })).not.toBe(first);
    expect(keep('<p>not cached</p>', undefined)).not.toBe(keep('<p>not cached</p>', undefined));
    // Many distinct cached pages: the oldest go, the total stays within the budget, the newest stays.
    const pages = Array.from({ length: 200 }, (_, i) => `${page}${i}`);
    for (const p of pages) keep(p, cached);
    const total = [...kept().values()].reduce((sum, e) => sum + e.body.length, 0);
    expect(total).toBeLessThanOrEqual(STATIC_PAYLOAD_BYTES);
    expect(kept().has(pages[199]!)).toBe(true);
    expect(kept().has(page)).toBe(false);
  });

  it('patches a copy once, and leaves a text it does not know alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patch-payload-'));
    for (const rel of ['dist/server/send-payload.js', 'dist/esm/server/send-payload.js']) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      const original = fs.readFileSync(path.join(nextDir, rel), 'utf8');
      // The installed file is patched already: undo the patch to get next's own text back.
      fs.writeFileSync(path.join(dir, rel), unpatch(original));
    }
    expect(patchStaticPayload(dir).patched).toHaveLength(2);
    expect(patchStaticPayload(dir)).toMatchObject({ patched: [], unknown: [], alreadyPatched: [expect.any(String), expect.any(String)] });
    expect(patchSendPayloadSource('res.end(payload);')).toBeNull();
  });
});

/** Next's text before the patch, from a patched file (the replacements are one-to-one). */
function unpatch(text: string): string {
  return text
    .slice(0, text.indexOf(`\n${STATIC_PAYLOAD_MARKER}`))
    .replace(/\n {4}const encoded = payload === null \? null : patronageStaticPayload\(payload, cacheControl\);/, '')
    .replace(/encoded\.etag \?\?= /, '')
    .replace("res.setHeader('Content-Length', encoded.body.length);", "res.setHeader('Content-Length', Buffer.byteLength(payload));")
    .replace('res.end(encoded.body);', 'res.end(payload);');
}
