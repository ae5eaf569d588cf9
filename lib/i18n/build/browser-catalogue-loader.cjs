/**
 * Turbopack loader (next.config.ts), run on the messages/<locale>/<namespace>.json files imported by
 * browser code only: a namespace that CLIENT_NAMESPACES names only in part ("common.account") keeps
 * just those groups, so the browser downloads what client components read rather than the whole file
 * (Turbopack bundles a JSON module whole). The server keeps every file whole. Options: { groups:
 * { common: ["account", "language", "notFound"], … } }; a namespace not listed passes through as is.
 */
const path = require('node:path');

module.exports = function browserCatalogueLoader(source) {
  const { groups } = this.getOptions();
  const keep = groups[path.basename(this.resourcePath, '.json')];
  if (!keep) return source;
  const all = JSON.parse(source);
  return JSON.stringify(Object.fromEntries(keep.filter((group) => group in all).map((group) => [group, all[group]])));
};
