/** The guard every state-changing route handler goes through: same origin, exact Content-Type, capped bodies. */
import { describe, expect, it } from 'vitest';
import { crossSiteReason, guarded, readBodyCapped } from './guard';
import { parseMediaType } from './media-type';

const SITE = process.env.SITE_URL?.replace(/\/+$/, '') || `http://localhost:${process.env.PORT ?? 3000}`;
const echo = guarded({ accept: ['application/json'], maxBytes: 1024 }, async (req) => Response.json({ got: await req.json() }));
const post = (headers: Record<string, string>, body: BodyInit | null = JSON.stringify({ a: 1 })) =>
  echo(
    new Request(`${SITE}/api/x`, {
      method: 'POST',
      headers,
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit),
  );

describe('parseMediaType', () => {
  it('reads the media type by the grammar; parameters never change it', () => {
    expect(parseMediaType('application/json')).toEqual({ type: 'application/json', params: {} });
    expect(parseMediaType('Application/JSON; charset="utf-8"')).toEqual({ type: 'application/json', params: { charset: 'utf-8' } });
    expect(parseMediaType('text/plain; x=application/json')?.type).toBe('text/plain');
    expect(parseMediaType('text/plain; x="a;application/json"')).toEqual({ type: 'text/plain', params: { x: 'a;application/json' } });
    for (const bad of ['', 'json', '/json', 'application/', 'application/json x', 'application/json; =x', 'text/plain, application/json'])
      expect(parseMediaType(bad), bad).toBeNull();
  });
});

describe('same-origin check', () => {
  it('accepts our Origin or Sec-Fetch-Site: same-origin, and non-browser clients; refuses others, null and unlabelled browser requests', () => {
    expect(crossSiteReason(new Headers({ origin: 'https://news.example' }), 'https://news.example/')).toBeNull();
    expect(
      crossSiteReason(new Headers({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }), 'http://localhost:3000'),
    ).toBeNull();
    expect(crossSiteReason(new Headers({}), 'https://news.example')).toBeNull();
    expect(crossSiteReason(new Headers({ origin: 'https://evil.example' }), 'https://news.example')).toMatch(/another site/);
    expect(crossSiteReason(new Headers({ origin: 'https://news.example.evil.example' }), 'https://news.example')).toMatch(/another site/);
    expect(crossSiteReason(new Headers({ origin: 'http://news.example' }), 'https://news.example')).toMatch(/another site/);
    expect(crossSiteReason(new Headers({ origin: 'null' }), 'https://news.example')).toMatch(/another site/);
    expect(crossSiteReason(new Headers({ 'sec-fetch-site': 'cross-site' }), 'https://news.example')).toMatch(/did not come from this site/);
    expect(crossSiteReason(new Headers({ 'sec-fetch-site': 'same-site' }), 'https://news.example')).toMatch(/did not come from this site/);
  });

  it('a cross-site POST is refused with 403 and a sentence, before the handler runs', async () => {
    let ran = false;
    const handler = guarded({ accept: ['application/json'], maxBytes: 100 }, async () => {
      ran = true;
      return new Response('ok');
    });
    const res = await handler(
      new Request(`${SITE}/api/x`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/came from another site/);
    const form = await handler(
      new Request(`${SITE}/api/x`, {
        method: 'POST',
        headers: { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      }),
    );
    expect(form.status).toBe(403);
    expect(await form.text()).toMatch(/<p role="alert">This request came from another site/);
    expect(ran).toBe(false);
  });
});

describe('Content-Type', () => {
  it('text/plain; x=application/json is not JSON (415); JSON with a charset is', async () => {
    const bad = await post({ origin: SITE, 'content-type': 'text/plain; x=application/json' });
    expect(bad.status).toBe(415);
    expect((await bad.json()).error).toBe('Send the request as application/json (Content-Type).');
    expect((await post({ 'content-type': 'application/jsonp' })).status).toBe(415);
    expect((await post({})).status).toBe(415);
    const ok = await post({ origin: SITE, 'content-type': 'application/json; charset=utf-8' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ got: { a: 1 } });
  });

  it('an empty form is allowed only where the route says so', async () => {
    const empty = guarded(
      { accept: ['application/x-www-form-urlencoded'], maxBytes: 100, allowEmpty: true },
      async (req) => new Response(`${(await req.text()).length}`),
    );
    expect(await (await empty(new Request(`${SITE}/x`, { method: 'POST' }))).text()).toBe('0');
    expect((await empty(new Request(`${SITE}/x`, { method: 'POST', body: new Uint8Array([1, 2]) }))).status).toBe(415);
  });
});

describe('body size cap', () => {
  it('413 on a declared Content-Length over the cap, without reading', async () => {
    const res = await post({ 'content-type': 'application/json', 'content-length': '5000000' }, JSON.stringify({ a: 1 }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('The request body is larger than 1 KB.');
  });

  it('stops reading an undeclared stream as soon as the cap is passed (413), never reading it whole', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(300));
      },
      cancel() {
        cancelled = true;
      },
    });
    const res = await post({ 'content-type': 'application/json' }, endless);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(5);
    expect(cancelled).toBe(true);
  });

  it('readBodyCapped returns exactly the bytes up to the cap', async () => {
    const bytes = await readBodyCapped(new Request(`${SITE}/x`, { method: 'POST', body: 'x'.repeat(1024) }), 1024);
    expect(bytes.byteLength).toBe(1024);
  });
});
