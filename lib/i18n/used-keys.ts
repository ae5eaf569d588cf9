/**
 * Which catalogue keys the code uses, read from the source as text (for lib/i18n/catalogue.test.ts).
 * A translator is bound with `const t = translator(locale, 'ns')`, `useTranslations('ns')` or
 * `createTranslator(…, namespace: 'ns')`; then `t('key')`, `t.rich('key')`, `t.markup('key')` and
 * `t.has('key')` use "ns.key", and `t(\`reasons.${r}\`)` uses everything under "ns.reasons".
 * `translator(locale, 'ns')('key')` uses "ns.key"; `sentence('ns.key')` (lib/i18n/sentence.ts) and
 * `staffTitle('ns.key')` (lib/i18n/staff-locale.ts) use "ns.key".
 * Keys read another way are declared in a comment: `// i18n-keys: format.perMonth format.perYear`.
 */
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['app', 'components', 'lib', 'scripts'];
const BINDING =
  /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:translator|staffTranslator|useTranslations|getTranslations)\(\s*(?:['"]?[\w.]+['"]?\s*,\s*)?['"]([\w.]+)['"]/g;
// `translator(locale, 'ns')('key')` and `sentence('ns.key')`: the key is used without a binding.
const DIRECT = /\b(?:translator|staffTranslator)\(\s*(?:[\w.]+\s*,\s*)?['"]([\w.]+)['"]\s*\)\(\s*['"]([\w.]+)['"]/g;
const SENTENCE = /\b(?:sentence|staffTitle)\(\s*['"]([\w.]+)['"]/g;
const DECLARED = /i18n-keys:[ \t]*([\w.* \t]+)/g;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

export function findUsedKeys(root: string): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(root, d)))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(DECLARED)) for (const key of m[1]!.split(/\s+/).filter(Boolean)) exact.add(key);
    for (const [, ns, key] of text.matchAll(DIRECT)) exact.add(`${ns}.${key}`);
    for (const [, key] of text.matchAll(SENTENCE)) exact.add(key!);
    for (const [, name, ns] of text.matchAll(BINDING)) {
      const call = new RegExp(`\\b${name}(?:\\.(?:rich|markup|has|raw))?\\(\\s*(?:'([\\w.]+)'|"([\\w.]+)"|\`([\\w.]*)\\$\\{)`, 'g');
      for (const c of text.matchAll(call)) {
        const literal = c[1] ?? c[2];
        if (literal) exact.add(`${ns}.${literal}`);
        else if (c[3] !== undefined) prefixes.add(c[3] ? `${ns}.${c[3].replace(/\.$/, '')}` : ns!);
      }
    }
  }
  return { exact, prefixes };
}
