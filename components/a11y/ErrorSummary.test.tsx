import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { clientMessages } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import { ErrorSummary, type FieldError } from './ErrorSummary';

const render = (locale: Locale, errors?: FieldError[]) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={clientMessages(locale)} timeZone="UTC">
      <form>
        <ErrorSummary errors={errors} />
      </form>
    </NextIntlClientProvider>,
  );

describe('ErrorSummary', () => {
  it('lists the errors at the top in an alert region, each linking to its field', () => {
    const html = render('en', [{ field: 'signin-email', message: 'Enter a valid email address.' }]);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Please check the form');
    expect(html).toContain('<li><a href="#signin-email">Enter a valid email address.</a></li>');
  });
  it('is an empty alert region when all is well, so that its list is announced when it fills', () => {
    expect(render('en')).toBe('<form><div class="error-summary" role="alert" tabindex="-1"></div></form>');
  });
  it('speaks the page language', () => {
    expect(render('uk', [{ field: 'x', message: 'Помилка.' }])).toContain('Перевірте форму');
  });
});
