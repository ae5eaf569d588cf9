import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { clientMessages } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import { InputField } from './Field';
import { filterFieldClasses, FilterForm } from './FilterForm';

const styles = { toolbar: 'tb', field: 'f', input: 'i', select: 's', button: 'b', secondary: 'sec' };

// What StaffShell gives every staff page: the staff member's language and the `staff` catalogue.
const render = (node: ReactNode, locale: Locale = 'en') =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={clientMessages(locale, ['staff'])} timeZone="UTC">
      {node}
    </NextIntlClientProvider>,
  );

describe('FilterForm', () => {
  it('a GET search form with its fields, kept parameters, submit and clear link', () => {
    const html = render(
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
    const html = render(
      <FilterForm action="/dashboard" label="Period" submitLabel="Show" primary styles={styles}>
        <span />
      </FilterForm>,
    );
    expect(html).not.toContain('role=');
    expect(html).toContain('<button type="submit" class="b">Show</button></form>');
  });

  it('says its own words in the staff member’s language, unless the page gives its own', () => {
    const form = (props: { submitLabel?: string; clearLabel?: string } = {}) => (
      <FilterForm action="/desk" clearHref="/desk" styles={styles} {...props}>
        <span />
      </FilterForm>
    );
    const uk = render(form(), 'uk');
    expect(uk).toContain('<button type="submit" class="sec">Фільтрувати</button>');
    expect(uk).toContain('<a class="sec" href="/desk">Скинути</a>');
    const own = render(form({ submitLabel: 'Знайти', clearLabel: 'Усі статті' }), 'uk');
    expect(own).toContain('>Знайти</button>');
    expect(own).toContain('>Усі статті</a>');
  });
});
