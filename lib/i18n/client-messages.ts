/**
 * The messages client components read on every page, and how a part of a catalogue is picked. Pure
 * module without catalogues: the browser's copy of these messages is compiled into the locale
 * layout's JavaScript (components/i18n/catalogue.<locale>.ts; cached by the browser) instead of riding
 * along in every page's HTML; pages that need more send it with PageMessages.
 */
import type { MessagePath, Messages } from './messages';

/**
 * What client components under the locale layout translate (AccountLink, LanguageSwitcher, the
 * not-found body, the support banner, the call-to-action slot, the campaign bar, the guest pick button,
 * ErrorSummary, the newsletter sign-up form). Strings only server components use (header, footer,
 * test-mode ribbon, forbidden page) stay on the server. A group added here must be imported by
 * components/i18n/catalogue.*.ts too (components/i18n/client-messages.test.tsx checks that, that every
 * key is read by a client component, and a size budget).
 */
export const CLIENT_NAMESPACES = [
  'a11y',
  'common.account',
  'common.language',
  'common.notFound',
  'cta',
  'newsletters.signup',
] as const satisfies readonly MessagePath[];

type Tree = { [key: string]: string | Tree };

/** Some groups of a catalogue (what a provider in the browser holds). */
export type PartialMessages = DeepPartial<Messages>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? T[K] : DeepPartial<T[K]> };

/**
 * The groups of `catalogue` named by `paths` ("cta", "common.account"), each with its whole subtree:
 * the catalogue's own objects, not copies (a payload that holds one twice refers back to it).
 */
export function pickMessages(catalogue: object, paths: readonly MessagePath[]): PartialMessages {
  const out: Tree = {};
  // Shorter paths first: a whole namespace makes its groups redundant.
  for (const path of [...new Set(paths)].sort()) {
    const parts = path.split('.');
    let from = catalogue as Tree;
    let to = out;
    for (const [i, part] of parts.entries()) {
      const source = from[part] as Tree;
      if (to[part] === source) break; // already picked whole
      if (i === parts.length - 1) to[part] = source;
      else {
        to[part] ??= {};
        to = to[part] as Tree;
        from = source;
      }
    }
  }
  return out as PartialMessages;
}

/** `base` with `extra`'s messages added (extra wins); neither is changed. */
export function mergeMessages<T extends object>(base: T, extra: object | undefined): T {
  if (!extra) return base;
  const out: Tree = { ...(base as Tree) };
  for (const [key, value] of Object.entries(extra as Tree)) {
    const mine = out[key];
    out[key] = typeof value === 'object' && typeof mine === 'object' ? mergeMessages(mine, value) : value;
  }
  return out as T;
}

/**
 * The groups of each namespace the browser keeps, for the loader that trims the messages files in
 * browser code (lib/i18n/build/browser-catalogue-loader.cjs): `{ common: ["account", …] }` for a
 * namespace CLIENT_NAMESPACES names only in part; one it names whole ("cta") is not listed (kept whole).
 */
export function browserGroups(paths: readonly string[] = CLIENT_NAMESPACES): Record<string, string[]> {
  const whole = new Set(paths.filter((p) => !p.includes('.')));
  const groups: Record<string, string[]> = {};
  for (const p of paths) {
    const [namespace, group] = p.split('.') as [string, string | undefined];
    if (group !== undefined && !whole.has(namespace)) (groups[namespace] ??= []).push(group);
  }
  return groups;
}
