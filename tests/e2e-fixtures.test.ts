import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every Playwright spec runs under the CSP guard: it takes `test` from e2e/fixtures.ts.
const e2e = path.resolve(import.meta.dirname, '..', 'e2e');

describe('end-to-end specs', () => {
  const specs = fs.readdirSync(e2e).filter((f) => f.endsWith('.spec.ts'));
  it('exist', () => expect(specs.length).toBeGreaterThan(0));
  it.each(specs)('%s takes test from ./fixtures, never from @playwright/test', (spec) => {
    const text = fs.readFileSync(path.join(e2e, spec), 'utf8');
    expect(text).toMatch(/import \{[^}]*\btest\b[^}]*\} from '\.\/fixtures';/);
    expect(text).not.toMatch(/import \{[^}]*\btest\b[^}]*\} from '@playwright\/test'/);
  });
});
