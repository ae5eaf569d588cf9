/**
 * A patch applied by scripts/patch-dependencies.ts (postinstall) to next 16.4.6: three pieces of route
 * matching that Next redoes for every request, though their inputs are fixed for the life of a server.
 * Measured on the cached article (a dynamic route, `[slug]`, with the two locale rewrites and a
 * deployment id), they were ~50 µs of ~580 µs of CPU per request (bench/README "Route matching kept
 * between requests"):
 *
 * 1. `getServerUtils` (compiled into each route runtime, dist/compiled/next-server/*.runtime.prod.js)
 *    builds the route's named regex and matcher again for every request; its result depends only on
 *    the page, the routes manifest's rewrites and three settings, so it is kept per runtime and page.
 * 2. Its `handleRewrites` compiles each rewrite's source with path-to-regexp for every request; the
 *    compiled matcher is kept per rewrite (and trailing-slash and case settings).
 * 3. The router (dist/server/lib/router-utils/resolve-routes.js) matches a route's path before its
 *    `has`/`missing` conditions. With a deployment id, Next adds an `/:path*` header route that only
 *    applies to RSC requests (`has: rsc`), and matching `/:path*` (a repeated param, split and decoded)
 *    on every page request cost ~11 µs; the conditions are now checked first. The result is the same:
 *    a route applies when both its path and its conditions match, and the params are merged as before.
 *
 * None of them keeps anything of a request: the kept values are functions of the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { patchFiles, type PatchReport } from './patch-files';

export const ROUTE_MATCHING_MARKER = '/*patronage:route-matching*/';

export const RESOLVE_ROUTES_FILES = [
  'dist/server/lib/router-utils/resolve-routes.js',
  'dist/esm/server/lib/router-utils/resolve-routes.js',
];
export const COMPILED_RUNTIMES = 'dist/compiled/next-server';
/** The runtimes app pages, route handlers and pages run from (server.runtime is Next's minimal-mode server, not used here). */
export const ROUTE_RUNTIME = /^(app-page|app-route|pages|pages-api)(-turbo)?(-experimental)?\.runtime\.prod\.js$/;

/** The router's statement as next 16.4.6 ships it (CommonJS build). */
export const ROUTER_MATCH = `            let params = route.match(curPathname);
            if ((route.has || route.missing) && params) {
                const hasParams = (0, _preparedestination.matchHas)(req, parsedUrl.query, route.has, route.missing);
                if (hasParams) {
                    Object.assign(params, hasParams);
                } else {
                    params = false;
                }
            }
`;
/** The same decision, the conditions first: a route whose conditions fail is not matched against the path. */
const ROUTER_MATCH_CONDITIONS_FIRST = `            ${ROUTE_MATCHING_MARKER}
            const hasParams = route.has || route.missing ? (0, _preparedestination.matchHas)(req, parsedUrl.query, route.has, route.missing) : true;
            let params = hasParams ? route.match(curPathname) : false;
            if (params && hasParams !== true) {
                Object.assign(params, hasParams);
            }
`;

/** The patched router, or null when it is not the text this patch knows. */
export function patchResolveRoutesSource(text: string): string | null {
  if (text.includes(ROUTE_MATCHING_MARKER)) return text;
  // The ESM build has the same statement with the helper imported by name.
  const esm = ROUTER_MATCH.replace('(0, _preparedestination.matchHas)', 'matchHas');
  if (text.includes(ROUTER_MATCH)) return text.replace(ROUTER_MATCH, () => ROUTER_MATCH_CONDITIONS_FIRST);
  if (text.includes(esm))
    return text.replace(esm, () => ROUTER_MATCH_CONDITIONS_FIRST.replace('(0, _preparedestination.matchHas)', 'matchHas'));
  return null;
}

/**
 * `getServerUtils` kept per runtime, page and settings: `(make, args) => utils`. The rewrites are the
 * routes manifest's, loaded once per server; the WeakMap lets a different manifest object start afresh.
 */
export const KEEP_SERVER_UTILS = (runtime: string) => `((make, args) => {
  const runtimes = (globalThis.__patronageServerUtils ??= new Map());
  let byRewrites = runtimes.get(${JSON.stringify(runtime)});
  if (!byRewrites) runtimes.set(${JSON.stringify(runtime)}, (byRewrites = new WeakMap()));
  // A manifest without rewrites: the WeakMap itself stands for "none" (a key that lives as long as it).
  const rewrites = args.rewrites ?? byRewrites;
  let byPage = byRewrites.get(rewrites);
  if (!byPage) byRewrites.set(rewrites, (byPage = new Map()));
  const key = [args.page, args.pageIsDynamic, args.trailingSlash, args.caseSensitive, args.basePath].join("\\u0000");
  const kept = byPage.get(key);
  if (kept && kept.i18n === args.i18n) return kept.utils;
  const utils = make(args);
  byPage.set(key, { i18n: args.i18n, utils });
  return utils;
})`;

/** A rewrite's compiled matcher kept per rewrite object and settings: `(rewrite, trailingSlash, caseSensitive, make) => matcher`. */
export const KEEP_REWRITE_MATCHER = `((rewrite, trailingSlash, caseSensitive, make) => {
  const byRewrite = (globalThis.__patronageRewriteMatchers ??= new WeakMap());
  let bySettings = byRewrite.get(rewrite);
  if (!bySettings) byRewrite.set(rewrite, (bySettings = new Map()));
  const key = (trailingSlash ? "/" : "") + (caseSensitive ? "A" : "a");
  let matcher = bySettings.get(key);
  if (!matcher) bySettings.set(key, (matcher = make()));
  return matcher;
})`;

const ID = '[A-Za-z_$][\\w$]*';
/** `A=function({page:e,…,caseSensitive:o}){…}({page:E,…})`: getServerUtils, inlined where route modules call it. */
const SERVER_UTILS_START = new RegExp(
  `function\\(\\{page:${ID},i18n:${ID},basePath:${ID},rewrites:${ID},pageIsDynamic:${ID},trailingSlash:${ID},caseSensitive:${ID}\\}\\)\\{`,
);
const SERVER_UTILS_CALL = new RegExp(
  `\\}\\(\\{page:${ID},i18n:${ID},basePath:${ID},rewrites:${ID},pageIsDynamic:${ID},trailingSlash:process\\.env\\.__NEXT_TRAILING_SLASH,caseSensitive:[^}]*\\}\\)`,
);
/** `v=(c=n.source+(s?"(/)?":""),p={…sensitive:!!o},…,(e,t)=>{…return{...t,...r.params}});if(!d.pathname)return!1;` */
const REWRITE_MATCHER_START = new RegExp(
  `(${ID})=\\((${ID})=(${ID})\\.source\\+\\((${ID})\\?"\\(/\\)\\?":""\\),${ID}=\\{removeUnnamedParams:!0,strict:!0,sensitive:!!(${ID})\\}`,
);
const REWRITE_MATCHER_END = new RegExp(`return\\{\\.\\.\\.${ID},\\.\\.\\.${ID}\\.params\\}\\}\\);if\\(!${ID}\\.pathname\\)return!1;`);

/** One compiled runtime patched (both pieces), or null when either is not the text this patch knows. */
export function patchRuntimeSource(text: string, runtime: string): string | null {
  if (text.includes(ROUTE_MATCHING_MARKER)) return text;
  const start = SERVER_UTILS_START.exec(text);
  if (!start) return null;
  const call = SERVER_UTILS_CALL.exec(text.slice(start.index));
  const rewrite = REWRITE_MATCHER_START.exec(text);
  if (!call || !rewrite || rewrite.index < start.index) return null;
  const end = REWRITE_MATCHER_END.exec(text.slice(rewrite.index));
  const callAt = start.index + call.index;
  if (!end || rewrite.index + end.index > callAt) return null;

  // Inside out, so earlier offsets stay valid: the rewrite matcher sits inside getServerUtils' body.
  const [, matcher, , rewriteVar, trailingSlash, caseSensitive] = rewrite;
  const endAt = rewrite.index + end.index + end[0].indexOf('});if(') + 2; // after the matcher's `}` and `)`
  const exprAt = rewrite.index + matcher!.length + 1; // the `(` of `v=(…)`
  let out = text.slice(0, callAt) + '},' + text.slice(callAt + 2); // `}({page:…})` becomes `},{page:…})`: the arguments go to the keeper
  out =
    out.slice(0, exprAt) +
    `${ROUTE_MATCHING_MARKER}${KEEP_REWRITE_MATCHER}(${rewriteVar},${trailingSlash},${caseSensitive},()=>` +
    out.slice(exprAt, endAt) +
    ')' +
    out.slice(endAt);
  out = out.slice(0, start.index) + `${KEEP_SERVER_UTILS(runtime)}(` + out.slice(start.index);
  return out;
}

/** Patches the router files and the route runtimes below `nextDir`. */
export function patchRouteMatching(nextDir: string): PatchReport {
  const router = patchFiles(
    RESOLVE_ROUTES_FILES.map((rel) => path.join(nextDir, rel)),
    patchResolveRoutesSource,
  );
  const compiled = path.join(nextDir, COMPILED_RUNTIMES);
  const runtimes = fs.existsSync(compiled) ? fs.readdirSync(compiled).filter((f) => ROUTE_RUNTIME.test(f)) : [];
  const result = patchFiles(
    runtimes.map((f) => path.join(compiled, f)),
    (text, file) => patchRuntimeSource(text, path.basename(file)),
  );
  if (!runtimes.length) result.unknown.push(compiled);
  return {
    patched: [...router.patched, ...result.patched],
    alreadyPatched: [...router.alreadyPatched, ...result.alreadyPatched],
    unknown: [...router.unknown, ...result.unknown],
  };
}
