/** The file loop the newer patches of scripts/patch-dependencies.ts share: read, patch, write, report. */
import fs from 'node:fs';

export type PatchReport = { patched: string[]; alreadyPatched: string[]; unknown: string[] };

/**
 * Rewrites each file with `patchSource`, which answers null for a text it does not know (or a missing
 * file) and the same text when the file is patched already.
 */
export function patchFiles(files: string[], patchSource: (text: string, file: string) => string | null): PatchReport {
  const result: PatchReport = { patched: [], alreadyPatched: [], unknown: [] };
  for (const file of files) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    const next = text === null ? null : patchSource(text, file);
    if (next === null) result.unknown.push(file);
    else if (next === text) result.alreadyPatched.push(file);
    else {
      fs.writeFileSync(file, next);
      result.patched.push(file);
    }
  }
  return result;
}
