/**
 * Billing emails, in the recipient's language. Every interpolated value is escaped with
 * `escapeHtml` / `safeHref`. Each email ends with a "Reference: …" line: the billing code uses it to
 * make sure a webhook replay never sends the same email twice.
 */
import { formatDate } from '@/lib/format/dates';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, greeting, layout, type RenderedEmail } from './templates';

function para(text: string): string {
  return `<p style="margin:0 0 12px">${escapeHtml(text)}</p>`;
}

function refLine(reference: string, locale: Locale): { text: string; html: string } {
  const t = translator(locale, 'email.common');
  const line = t('reference', { reference });
  return {
    text: line,
    html: `<p style="margin:24px 0 0;font-size:13px;color:#777">${escapeHtml(line)}</p>`,
  };
}

type Common = { siteName: string; name?: string | null; reference: string; locale?: Locale };

function render(opts: {
  subject: string;
  preheader: string;
  lines: string[];
  cta?: { url: string; label: string };
  after?: string[];
  siteName: string;
  reference: string;
  locale: Locale;
}): RenderedEmail {
  const ref = refLine(opts.reference, opts.locale);
  const text = [
    ...opts.lines,
    ...(opts.cta ? ['', `${opts.cta.label}: ${opts.cta.url}`] : []),
    ...(opts.after?.length ? ['', ...opts.after] : []),
    '',
    ref.text,
  ].join('\n');
  const html = layout({
    title: opts.subject,
    preheader: opts.preheader,
    siteName: opts.siteName,
    lang: opts.locale,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(opts.subject)}</h1>`,
      ...opts.lines.filter(Boolean).map(para),
      opts.cta ? button(opts.cta.url, opts.cta.label) : '',
      ...(opts.after ?? []).filter(Boolean).map(para),
      ref.html,
    ].join('\n'),
  });
  return { subject: opts.subject, text, html };
}

export function welcomeEmail(p: Common & { tierName: string; amount: string; intervalLabel: string; accountUrl: string }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.billing');
  return render({
    subject: t('welcomeSubject', { site: p.siteName }),
    preheader: t('welcomePreheader', { site: p.siteName }),
    siteName: p.siteName,
    reference: p.reference,
    locale,
    lines: [
      greeting(p.name, locale),
      '',
      t('welcomeBody', { tier: p.tierName, amount: p.amount, interval: p.intervalLabel, site: p.siteName }),
    ],
    cta: { url: p.accountUrl, label: t('welcomeCta') },
  });
}

export function paymentReceiptEmail(p: Common & { amount: string; paidOn: Date; receiptUrl: string }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.billing');
  return render({
    subject: t('receiptSubject', { site: p.siteName }),
    preheader: t('receiptPreheader', { amount: p.amount }),
    siteName: p.siteName,
    reference: p.reference,
    locale,
    lines: [greeting(p.name, locale), '', t('receiptBody', { amount: p.amount, date: formatDate(p.paidOn, undefined, locale) })],
    cta: { url: p.receiptUrl, label: t('receiptCta') },
  });
}

export function paymentFailedEmail(p: Common & { amount: string; updateCardUrl: string; graceEndsAt?: Date | null }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.billing');
  return render({
    subject: t('failedSubject', { site: p.siteName }),
    preheader: t('failedPreheader'),
    siteName: p.siteName,
    reference: p.reference,
    locale,
    lines: [
      greeting(p.name, locale),
      '',
      t('failedBody', { amount: p.amount }),
      p.graceEndsAt ? t('failedGrace', { date: formatDate(p.graceEndsAt, undefined, locale) }) : '',
    ],
    cta: { url: p.updateCardUrl, label: t('failedCta') },
  });
}

export function cancellationConfirmedEmail(p: Common & { endsAt: Date; accountUrl: string }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.billing');
  const date = formatDate(p.endsAt, undefined, locale);
  return render({
    subject: t('cancelledSubject'),
    preheader: t('cancelledPreheader', { date }),
    siteName: p.siteName,
    reference: p.reference,
    locale,
    lines: [greeting(p.name, locale), '', `${t('cancelledAsked')} ${t('cancelledUntil', { date })}`, t('cancelledRenew')],
    cta: { url: p.accountUrl, label: t('cancelledCta') },
  });
}

export function membershipEndedEmail(p: Common & { supportUrl: string }): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.billing');
  return render({
    subject: t('endedSubject', { site: p.siteName }),
    preheader: t('endedPreheader'),
    siteName: p.siteName,
    reference: p.reference,
    locale,
    lines: [greeting(p.name, locale), '', t('endedBody', { site: p.siteName })],
    cta: { url: p.supportUrl, label: t('endedCta') },
  });
}
