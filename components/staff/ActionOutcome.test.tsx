import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActionOutcome } from './ActionOutcome';

const styles = { success: 'ok', alert: 'al', error: 'er' };

describe('ActionOutcome', () => {
  it('shows what the action did as a status, and a failure as an alert', () => {
    expect(renderToStaticMarkup(<ActionOutcome done="Article saved." styles={styles} />)).toBe(
      '<p class="ok" role="status">Article saved.</p>',
    );
    expect(renderToStaticMarkup(<ActionOutcome failed="The slug is taken." failedClass="error" styles={styles} />)).toBe(
      '<p class="er" role="alert">The slug is taken.</p>',
    );
    expect(renderToStaticMarkup(<ActionOutcome styles={styles} />)).toBe('');
  });

  it('shows a sentence in any language as the action said it, capped at 200 characters', () => {
    // Staff actions say their outcome in the staff member's language before redirecting with it.
    expect(renderToStaticMarkup(<ActionOutcome done="Статтю збережено." styles={styles} />)).toBe(
      '<p class="ok" role="status">Статтю збережено.</p>',
    );
    const long = 'Раунд '.repeat(50);
    expect(renderToStaticMarkup(<ActionOutcome failed={long} styles={styles} />)).toBe(
      `<p class="al" role="alert">${long.slice(0, 200)}</p>`,
    );
  });
});
