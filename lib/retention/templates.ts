/** Retention emails, in the recipient's language: the one-time cancel link and the win-back note. Values are escaped. */
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, greeting, layout, linkLifetime, paragraphsAndButton, type RenderedEmail } from '@/lib/mail/templates';

export function cancelLinkEmail(p: { siteName: string; url: string; minutes: number; locale?: Locale }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.retention');
  const subject = t('cancelSubject', { site: p.siteName });
  const lines = [t('cancelAsked'), t('cancelOpen', { lifetime: linkLifetime(p.minutes, locale) })];
  const after = t('cancelIgnore');
  const cta = t('cancelCta');
  return {
    subject,
    text: [...lines, '', `${cta}: ${p.url}`, '', after].join('\n'),
    html: layout({
      title: subject,
      preheader: t('cancelPreheader'),
      siteName: p.siteName,
      lang: locale,
      bodyHtml:
        lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join('') +
        button(p.url, cta) +
        `<p style="margin:0 0 12px;color:#555">${escapeHtml(after)}</p>`,
    }),
  };
}

export function winbackEmail(p: { siteName: string; name: string | null; supportUrl: string; locale?: Locale }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.retention');
  const subject = t('winbackSubject', { site: p.siteName });
  const lines = [greeting(p.name, locale), t('winbackBody', { site: p.siteName }), t('winbackComeBack')];
  return paragraphsAndButton({
    subject,
    preheader: t('winbackPreheader'),
    siteName: p.siteName,
    lang: locale,
    lines,
    cta: t('winbackCta'),
    url: p.supportUrl,
  });
}
