/**
 * The catalogues stay complete and tidy: Ukrainian has every key English has (and no other), every
 * message keeps the same placeholders in both languages, and every key is used somewhere. A missing
 * key in code is a tsc error (the English catalogue types every translator).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { messagesFor } from './messages';
import { findUsedKeys } from './used-keys';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Top-level ICU arguments ("{count, plural, …}" → count), the names a translation must keep. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (c === "'") {
      const end = message.indexOf("'", i + 1);
      if (end > i + 1) i = end;
      continue;
    }
    if (c === '{') {
      if (depth === 0) names.add(/^\{\s*(\w+)/.exec(message.slice(i))?.[1] ?? '');
      depth++;
    } else if (c === '}') depth--;
  }
  // Rich-text tags (<link>…</link>) must survive translation too.
  for (const m of message.matchAll(/<(\w+)>/g)) names.add(`<${m[1]}>`);
  names.delete('');
  return [...names].sort();
}

const root = path.resolve(import.meta.dirname, '../..');
const english = leaves(messagesFor('en') as unknown as Tree);

describe('message catalogues', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const other = leaves(messagesFor(locale) as unknown as Tree);

    it(`${locale} has exactly the keys English has`, () => {
      expect(
        [...english.keys()].filter((k) => !other.has(k)),
        `missing in ${locale}`,
      ).toEqual([]);
      expect(
        [...other.keys()].filter((k) => !english.has(k)),
        `only in ${locale}`,
      ).toEqual([]);
    });

    it(`${locale} keeps every placeholder and tag, and leaves nothing empty`, () => {
      const wrong = [...english].filter(([k, v]) => JSON.stringify(argumentsOf(v)) !== JSON.stringify(argumentsOf(other.get(k) ?? '')));
      expect(wrong.map(([k]) => k)).toEqual([]);
      expect([...other].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    });
  }

  it('uses every key somewhere in the code', () => {
    const used = findUsedKeys(root);
    const unused = [...english.keys()].filter((k) => !used.exact.has(k) && ![...used.prefixes].some((p) => k.startsWith(`${p}.`)));
    expect(unused).toEqual([]);
  });

  it('finds keys through every way the code translates', () => {
    const dir = fs.mkdtempSync(path.join(root, 'node_modules/.i18n-used-'));
    try {
      fs.mkdirSync(path.join(dir, 'app'));
      fs.writeFileSync(
        path.join(dir, 'app/x.tsx'),
        [
          "const t = translator(locale, 'a.b');",
          "const u = useTranslations('c');",
          "t('one'); t.rich('two', {}); u(`reasons.${r}`);",
          '// i18n-keys: d.e',
          "const s = await staffTranslator('f'); s('three');",
          "translator(l, 'g')('four'); sentence('h.five', { n: 1 });",
          "export const generateMetadata = staffTitle('i.six');",
        ].join('\n'),
      );
      const used = findUsedKeys(dir);
      expect([...used.exact].sort()).toEqual(['a.b.one', 'a.b.two', 'd.e', 'f.three', 'g.four', 'h.five', 'i.six']);
      expect([...used.prefixes]).toEqual(['c.reasons']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
