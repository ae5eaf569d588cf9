import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InputField, SelectField } from './Field';

describe('Field', () => {
  it('labels a select, with a placeholder option first', () => {
    const html = renderToStaticMarkup(
      <SelectField
        id="s"
        label="Tier"
        name="tier"
        defaultValue=""
        placeholder="Any tier"
        options={[{ value: 'friend', label: 'Friend' }]}
      />,
    );
    expect(html).toContain('<label for="s">Tier</label><select id="s" name="tier">');
    expect(html).toContain('<option value="" selected="">Any tier</option><option value="friend">Friend</option>');
    expect(html).not.toContain('aria-invalid');
  });
  it('ties the hint and the error to the control', () => {
    const html = renderToStaticMarkup(<InputField id="a" label="Amount" name="amount" hint="In USD" error="Enter an amount." />);
    expect(html).toContain('aria-describedby="a-hint a-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<span id="a-error" role="alert">Enter an amount.</span>');
  });
});
