/**
 * Every email the app sends, in one place. Each template returns a subject, a plain-text body and
 * a simple, accessible HTML body. Every interpolated value is escaped with `escapeHtml` (or
 * `escapeAttr` inside attributes): never build HTML for mail anywhere else.
 */

import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export type RenderedEmail = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element body or a double/single-quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only http(s) and mailto links may go into an href; anything else becomes "#". */
export function safeHref(url: string): string {
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) return '#';
    return escapeHtml(parsed.toString());
  } catch {
    return '#';
  }
}

/** A small, table-free layout: readable in every client, with a language and a title for screen readers. */
export function layout({
  title,
  preheader,
  bodyHtml,
  siteName,
  lang = DEFAULT_LOCALE,
}: {
  title: string;
  preheader?: string;
  bodyHtml: string;
  siteName: string;
  /** The recipient's language (the email's `lang`). */
  lang?: Locale;
}): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:24px;background:#f6f5f1;color:#1a1a1a;font-family:Georgia,'Times New Roman',serif;font-size:17px;line-height:1.5">
${preheader ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>` : ''}
<div role="article" aria-label="${escapeHtml(title)}" style="max-width:560px;margin:0 auto;background:#ffffff;padding:32px;border-radius:6px">
<p style="margin:0 0 24px;font-weight:bold;font-size:19px">${escapeHtml(siteName)}</p>
${bodyHtml}
</div>
</body>
</html>`;
}

/** The one call-to-action button every email uses. */
export function button(url: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${safeHref(url)}" style="display:inline-block;background:#1d3f72;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}

// ---------------------------------------------------------------------------------------------
// magic-link: the sign-in email. `url` is our /signin/confirm page (never next-auth's callback).

/** "30 minutes", "1 hour", "24 hours": how long a sign-in link lives, in words, in the recipient's language. */
/**
 * An email of plain paragraphs and one button: the text part lists the paragraphs and then
 * "label: url", the HTML part the escaped paragraphs and the button.
 */
export function paragraphsAndButton(o: {
  subject: string;
  preheader: string;
  siteName: string;
  lang: Locale;
  lines: string[];
  cta: string;
  url: string;
}): RenderedEmail {
  return {
    subject: o.subject,
    text: [...o.lines, '', `${o.cta}: ${o.url}`].join('\n'),
    html: layout({
      title: o.subject,
      preheader: o.preheader,
      siteName: o.siteName,
      lang: o.lang,
      bodyHtml: o.lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join('') + button(o.url, o.cta),
    }),
  };
}

export function linkLifetime(minutes: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale, 'email.common');
  return minutes % 60 === 0 ? t('lifetime', { unit: 'hours', count: minutes / 60 }) : t('lifetime', { unit: 'minutes', count: minutes });
}

/** "Hello Ann," / "Hello," in the recipient's language. */
export function greeting(name: string | null | undefined, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale, 'email.common');
  return name ? t('helloName', { name }) : t('hello');
}

export function magicLinkEmail({
  url,
  siteName,
  minutes = 30,
  locale = DEFAULT_LOCALE,
}: {
  url: string;
  siteName: string;
  minutes?: number;
  /** The language of the page the reader asked from. */
  locale?: Locale;
}): RenderedEmail {
  const t = translator(locale, 'email.signIn');
  const subject = t('subject', { site: siteName });
  const lifetime = linkLifetime(minutes, locale);
  const text = [subject, '', t('open'), url, '', t('expires', { lifetime }), t('ignore')].join('\n');
  const html = layout({
    title: subject,
    preheader: t('preheader', { lifetime }),
    siteName,
    lang: locale,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
      `<p style="margin:0 0 12px">${escapeHtml(t('useButton', { lifetime }))}</p>`,
      button(url, subject),
      `<p style="margin:0 0 12px;font-size:15px">${escapeHtml(t('copy'))}<br><a href="${safeHref(url)}" style="color:#1d3f72;word-break:break-all">${escapeHtml(url)}</a></p>`,
      `<p style="margin:24px 0 0;font-size:15px;color:#555">${escapeHtml(t('ignore'))}</p>`,
    ].join('\n'),
  });
  return { subject, text, html };
}
