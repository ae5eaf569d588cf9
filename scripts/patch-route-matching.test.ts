import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  COMPILED_RUNTIMES,
  KEEP_REWRITE_MATCHER,
  KEEP_SERVER_UTILS,
  RESOLVE_ROUTES_FILES,
  ROUTE_MATCHING_MARKER,
  ROUTE_RUNTIME,
  ROUTER_MATCH,
  patchResolveRoutesSource,
  patchRuntimeSource,
} from './patch-route-matching';

const nextDir = path.join(process.cwd(), 'node_modules', 'next');

type Route = { match: (p: string) => Record<string, string> | false; has?: unknown[]; missing?: unknown[] };
type Decide = (route: Route, curPathname: string, matchHas: (...a: unknown[]) => Record<string, string> | false) => unknown;
/** The statement as a function of the route, the path and `matchHas`, answering the params it settles on. */
const decision = (statement: string): Decide =>
  new Function(
    'route',
    'curPathname',
    'matchHas',
    `const req = {}, parsedUrl = { query: {} }, _preparedestination = { matchHas };\n${statement}\nreturn params;`,
  ) as Decide;

/** A stand-in of the minified runtime: getServerUtils inlined where a route module calls it, with handleRewrites inside. */
const MINI_RUNTIME = `let made=0,compiled=0;
function prepare(E,y,g,v,C,h){let A=function({page:e,i18n:t,basePath:r,rewrites:n,pageIsDynamic:i,trailingSlash:s,caseSensitive:o}){made++;let u=i?(x=>x.startsWith("/articles/")):void 0;return{handleRewrites:function(l,c){let d={pathname:c},f={},h=d.pathname,p=n=>{var c,p;let m,g,y,v=(c=n.source+(s?"(/)?":""),p={removeUnnamedParams:!0,strict:!0,sensitive:!!o},m=[],g=(compiled++,RegExp("^"+c+"$",o?"":"i")),y=e=>{let t=g.exec(e);return t&&{params:{path:t[1]}}},(e,t)=>{if("string"!=typeof e)return!1;let r=y(e);if(!r)return!1;return{...t,...r.params}});if(!d.pathname)return!1;let b=v(d.pathname);return b?(Object.assign(f,b),!0):!1};for(let e of n.beforeFiles||[])p(e);return f},dynamicRouteMatcher:u}}({page:E,i18n:y,basePath:g,rewrites:v,pageIsDynamic:C,trailingSlash:process.env.__NEXT_TRAILING_SLASH,caseSensitive:!!h.caseSensitive});return A}
module.exports={prepare,counts:()=>({made,compiled})};`;

type Utils = { handleRewrites: (req: unknown, pathname: string) => Record<string, string>; dynamicRouteMatcher?: unknown };
type MiniRuntime = {
  prepare: (
    page: string,
    i18n: unknown,
    basePath: string,
    rewrites: unknown,
    dynamic: boolean,
    manifest: { caseSensitive?: boolean },
  ) => Utils;
  counts: () => { made: number; compiled: number };
};
function load(text: string): MiniRuntime {
  const loaded = { exports: {} as MiniRuntime };
  new Function('module', 'process', text)(loaded, { env: {} });
  return loaded.exports;
}

describe('route matching kept between requests (scripts/patch-route-matching.ts)', () => {
  it('the installed Next.js has the router and every route runtime patched, and each still compiles (npm install ran scripts/patch-dependencies.ts)', () => {
    for (const rel of RESOLVE_ROUTES_FILES) {
      const text = fs.readFileSync(path.join(nextDir, rel), 'utf8');
      expect(text, rel).toContain(ROUTE_MATCHING_MARKER);
      expect(text, rel).not.toContain('let params = route.match(curPathname);');
    }
    const runtimes = fs.readdirSync(path.join(nextDir, COMPILED_RUNTIMES)).filter((f) => ROUTE_RUNTIME.test(f));
    expect(runtimes).toEqual(expect.arrayContaining(['app-page-turbo.runtime.prod.js', 'app-route-turbo.runtime.prod.js']));
    for (const file of runtimes) {
      const text = fs.readFileSync(path.join(nextDir, COMPILED_RUNTIMES, file), 'utf8');
      expect(text, file).toContain(ROUTE_MATCHING_MARKER);
      expect(text, file).toContain(`.get(${JSON.stringify(file)})`);
      expect(() => new vm.Script(text, { filename: file }), file).not.toThrow();
    }
  });

  it('the router settles on the same params with the conditions checked first, and skips the path when they fail', () => {
    const patched = patchResolveRoutesSource(`before\n${ROUTER_MATCH}after\n`)!;
    expect(patched).toContain(ROUTE_MATCHING_MARKER);
    expect(patchResolveRoutesSource(patched)).toBe(patched);
    expect(patchResolveRoutesSource('let params = route.match(x);')).toBeNull();
    const statement = patched.slice(patched.indexOf('\n') + 1, patched.lastIndexOf('after'));
    const [before, after] = [decision(ROUTER_MATCH), decision(statement)];

    const path = (params: Record<string, string> | false) => {
      const calls: string[] = [];
      return { calls, match: (p: string) => (calls.push(p), params && { ...params }) };
    };
    const cases: {
      has?: unknown[];
      missing?: unknown[];
      params: Record<string, string> | false;
      conditions: Record<string, string> | false;
    }[] = [
      { params: { path: 'a' }, conditions: false },
      { params: false, conditions: false },
      { has: [{ type: 'header', key: 'rsc' }], params: { path: 'a' }, conditions: {} },
      { has: [{ type: 'header', key: 'rsc' }], params: { path: 'a' }, conditions: false },
      { has: [{ type: 'header', key: 'rsc' }], params: false, conditions: {} },
      { missing: [{ type: 'cookie', key: 'x' }], params: {}, conditions: { host: 'example.org' } },
      { has: [{ type: 'query', key: 'q' }], params: { path: 'a' }, conditions: { q: 'b' } },
    ];
    for (const c of cases) {
      const matchHas = () => c.conditions && { ...c.conditions };
      const [one, two] = [path(c.params), path(c.params)];
      expect(after({ ...c, match: two.match }, '/x', matchHas), JSON.stringify(c)).toEqual(
        before({ ...c, match: one.match }, '/x', matchHas),
      );
      // The path is not matched for a route whose conditions fail.
      if ((c.has || c.missing) && !c.conditions) expect(two.calls).toEqual([]);
    }
  });

  it('keeps one getServerUtils per runtime, page and settings, and a new one when the rewrites or i18n change', () => {
    const keep = new Function(`return ${KEEP_SERVER_UTILS('test-runtime.js')};`)() as (make: (a: object) => object, args: object) => object;
    let made = 0;
    const make = (a: object) => ({ made: ++made, a });
    const rewrites = { beforeFiles: [] };
    const args = {
      page: '/articles/[slug]',
      i18n: undefined,
      basePath: '',
      rewrites,
      pageIsDynamic: true,
      trailingSlash: undefined,
      caseSensitive: false,
    };
    const first = keep(make, args);
    expect(keep(make, { ...args })).toBe(first);
    expect(keep(make, { ...args, page: '/[locale]/topics' })).not.toBe(first);
    expect(keep(make, { ...args, rewrites: { beforeFiles: [] } })).not.toBe(first);
    expect(keep(make, { ...args, i18n: { locales: ['en'] } })).not.toBe(first);
    expect(keep(make, { ...args, rewrites: undefined })).not.toBe(first);
    const other = new Function(`return ${KEEP_SERVER_UTILS('other-runtime.js')};`)() as typeof keep;
    expect(other(make, args)).not.toBe(first);
    expect(made).toBe(6);
  });

  it("keeps a rewrite's matcher per rewrite and settings", () => {
    const keep = new Function(`return ${KEEP_REWRITE_MATCHER};`)() as (r: object, s: unknown, o: unknown, make: () => object) => object;
    let made = 0;
    const make = () => ({ made: ++made });
    const rewrite = { source: '/:path' };
    const first = keep(rewrite, undefined, false, make);
    expect(keep(rewrite, undefined, false, make)).toBe(first);
    expect(keep(rewrite, true, false, make)).not.toBe(first);
    expect(keep(rewrite, undefined, true, make)).not.toBe(first);
    expect(keep({ source: '/:path' }, undefined, false, make)).not.toBe(first);
    expect(made).toBe(4);
  });

  it('patches the minified runtime so a route module builds its utils once and compiles each rewrite once, with the same answers', () => {
    const patched = patchRuntimeSource(MINI_RUNTIME, 'mini.runtime.prod.js')!;
    expect(patched).not.toBeNull();
    expect(patchRuntimeSource(patched, 'mini.runtime.prod.js')).toBe(patched);
    expect(patchRuntimeSource('function(){}', 'x')).toBeNull();

    const rewrites = { beforeFiles: [{ source: '/(topics|desk)' }, { source: '/(nothing)' }] };
    const [plain, kept] = [load(MINI_RUNTIME), load(patched)];
    for (const runtime of [plain, kept]) {
      for (let i = 0; i < 3; i++) {
        const utils = runtime.prepare('/articles/[slug]', undefined, '', rewrites, true, { caseSensitive: false });
        expect(utils.handleRewrites({}, '/topics')).toEqual({ path: 'topics' });
        expect(utils.handleRewrites({}, '/TOPICS')).toEqual({ path: 'TOPICS' });
        expect(utils.handleRewrites({}, '/articles/x')).toEqual({});
      }
      runtime.prepare('/[locale]/topics', undefined, '', rewrites, true, { caseSensitive: false }).handleRewrites({}, '/topics');
    }
    // Unpatched: a getServerUtils per request, two compiles per rewrite check.
    expect(plain.counts()).toEqual({ made: 4, compiled: 20 });
    // Patched: one per page, and each rewrite compiled once.
    expect(kept.counts()).toEqual({ made: 2, compiled: 2 });
  });
});
