import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InputField } from './Field';
import { filterFieldClasses, FilterForm } from './FilterForm';

const styles = { toolbar: 'tb', field: 'f', input: 'i', select: 's', button: 'b', secondary: 'sec' };

describe('FilterForm', () => {
  it('a GET search form with its fields, kept parameters, submit and clear link', () => {
    const html = renderToStaticMarkup(
      <FilterForm action="/desk" label="Filter articles" search hidden={{ sort: 'joined' }} clearHref="/desk" styles={styles}>
        <InputField id="q" label="Search" name="q" {...filterFieldClasses(styles).input} />
      </FilterForm>,
    );
    expect(html).toMatch(/^<form class="tb" role="search" aria-label="Filter articles" action="\/desk" method="get">/);
    expect(html).toContain('<div class="f"><label for="q">Search</label><input id="q" type="text" class="i" name="q"/></div>');
    expect(html).toContain('<input type="hidden" name="sort" value="joined"/><button type="submit" class="sec">Filter</button>');
    expect(html).toContain('<a class="sec" href="/desk">Clear</a></form>');
  });

  it('without search role or clear link; a primary submit with its own label', () => {
    const html = renderToStaticMarkup(
      <FilterForm action="/dashboard" label="Period" submitLabel="Show" primary styles={styles}>
        <span />
      </FilterForm>,
    );
    expect(html).not.toContain('role=');
    expect(html).toContain('<button type="submit" class="b">Show</button></form>');
  });
});
