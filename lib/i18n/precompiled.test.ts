/**
 * Inside Next every message is precompiled (next-intl's catalog loader, icu-minify) and formatted by
 * next-intl's parser-free formatter (next.config.ts); tests and scripts format the JSON as written.
 * Both must say the same: every message of both catalogues, with values for each of its arguments
 * (every branch of its plurals and selects), formats identically both ways. The browser's trimmed
 * catalogue files (lib/i18n/build/browser-catalogue-loader.cjs) keep exactly the client groups.
 */
import { createRequire } from 'node:module';
import compile from 'icu-minify/compile';
import { createTranslator } from 'next-intl';
import formatPrecompiled from 'use-intl/format-message/format-only';
import { describe, expect, it } from 'vitest';
import { browserGroups, CLIENT_NAMESPACES } from './client-messages';
import { LOCALES, type Locale } from './locales';
import { messagesFor } from './messages';

type Tree = { [key: string]: string | Tree };
type Compiled = string | number | Compiled[] | { [branch: string]: Compiled };
type Values = Record<string, unknown>;

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

// icu-minify's shapes: "text" | 0 (#) | [name] | [name, type, branches-or-style] | [tag, ...children].
const SELECT = 1;
const PLURAL = 2;
const SELECTORDINAL = 3;
const NUMBER = 4;
const DATE = 5;
const TIME = 6;

/**
 * Sets of values that reach every branch of the message's selects and plurals. A compiled message, a
 * tag's children and a branch are lists of parts; each part is text, 0 (#) or one element.
 */
function valueSets(parts: Compiled, sets: Values[] = [{}]): Values[] {
  if (!Array.isArray(parts)) return sets; // plain text
  return parts.reduce<Values[]>((acc, part) => (Array.isArray(part) ? elementValues(part, acc) : acc), sets);
}

/** [name] | [name, type, branches-or-style] | [tag, ...children]. */
function elementValues(element: Compiled[], sets: Values[]): Values[] {
  const [name, type, arg] = element as [string, unknown, unknown];
  if (type === undefined) return sets.map((v) => ({ [name]: 'Ada', ...v }));
  if (type === NUMBER) return sets.map((v) => ({ [name]: 1234.5, ...v }));
  if (type === DATE || type === TIME) return sets.map((v) => ({ [name]: new Date('2026-12-06T21:30:00Z'), ...v }));
  if (type === SELECT || type === PLURAL || type === SELECTORDINAL) {
    const branches = arg as Record<string, Compiled>;
    const values =
      type === SELECT
        ? Object.keys(branches).map((k) => (k === 'other' ? 'something-else' : k))
        : [
            0,
            1,
            2,
            5,
            21,
            1.5,
            ...Object.keys(branches)
              .filter((k) => k.startsWith('='))
              .map((k) => Number(k.slice(1))),
          ];
    const out: Values[] = [];
    for (const v of sets) for (const value of values) out.push({ [name]: value, ...v });
    return Object.values(branches).reduce<Values[]>((acc, branch) => valueSets(branch, acc), out);
  }
  // A tag: its function, then its children (a list of parts).
  const withTag = sets.map((v) => ({ [name]: (chunks: unknown[]) => `<${name}>${chunks.join('')}</${name}>`, ...v }));
  return valueSets(element.slice(1), withTag);
}

const formatters = {
  getNumberFormat: (locale: string, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
  getPluralRules: (locale: string, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options),
  getDateTimeFormat: (locale: string, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
};

const joined = (out: unknown) => (Array.isArray(out) ? out.join('') : String(out));

describe('precompiled messages (as Next formats them)', () => {
  it('say exactly what the messages as written say, in both languages, for every branch', () => {
    let plain = 0;
    let tagged = 0;
    for (const locale of LOCALES as readonly Locale[]) {
      const catalogue = messagesFor(locale) as unknown as Tree;
      const t = createTranslator({ locale, messages: catalogue, timeZone: 'UTC' });
      for (const [key, message] of leaves(catalogue)) {
        const compiled = compile(message) as Compiled;
        for (const values of valueSets(compiled).slice(0, 40)) {
          const hasTags = Object.values(values).some((v) => typeof v === 'function');
          if (hasTags) tagged++;
          else plain++;
          const written = hasTags ? t.markup(key as never, values as never) : t(key as never, values as never);
          const precompiled = formatPrecompiled(
            key,
            compiled as never,
            values as never,
            {
              locale,
              timeZone: 'UTC',
              formatters,
            } as never,
          );
          expect(joined(precompiled), `${locale} ${key} ${JSON.stringify(values)}`).toBe(written);
        }
      }
    }
    // Most messages go through t(), those with tags through t.markup (as the emails do).
    expect(plain).toBeGreaterThan(2_000);
    expect(tagged).toBeGreaterThan(10);
  });
});

describe('the browser’s messages files', () => {
  const loader = createRequire(import.meta.url)('./build/browser-catalogue-loader.cjs') as (
    this: { getOptions(): unknown; resourcePath: string },
    source: string,
  ) => string;
  const run = (file: string, source: object) =>
    JSON.parse(
      loader.call({ getOptions: () => ({ groups: browserGroups() }), resourcePath: `/repo/messages/uk/${file}` }, JSON.stringify(source)),
    );

  it('keep only the groups CLIENT_NAMESPACES names; a namespace named whole passes as it is', () => {
    expect(browserGroups()).toEqual({ common: ['account', 'language', 'notFound'], newsletters: ['signup'] });
    expect(browserGroups(['cta', 'cta.banner', 'common.account'])).toEqual({ common: ['account'] });
    const uk = messagesFor('uk');
    expect(run('common.json', uk.common)).toEqual({
      account: uk.common.account,
      language: uk.common.language,
      notFound: uk.common.notFound,
    });
    expect(run('newsletters.json', uk.newsletters)).toEqual({ signup: uk.newsletters.signup });
    expect(run('cta.json', uk.cta)).toEqual(uk.cta);
    expect(run('format.json', uk.format)).toEqual(uk.format);
    expect(CLIENT_NAMESPACES.every((p) => !p.includes('.') || p.split('.')[0]! in browserGroups())).toBe(true);
  });
});
