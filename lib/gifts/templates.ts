/** Gift membership emails, in the recipient's language: delivery to the recipient, and the reminder before it ends. Values are escaped. */
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, greeting, layout, paragraphsAndButton, type RenderedEmail } from '@/lib/mail/templates';

const para = (l: string) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`;

export function giftDeliveryEmail(p: {
  siteName: string;
  from: string;
  tierName: string;
  months: number;
  message: string | null;
  url: string;
  locale?: Locale;
}): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.gifts');
  const subject = t('deliverySubject', { from: p.from, site: p.siteName });
  const lines = [t('deliveryBody', { from: p.from, months: p.months, tier: p.tierName, site: p.siteName })];
  const message = p.message ? [t('deliveryMessage', { message: p.message })] : [];
  const after = t('deliveryAfter');
  const cta = t('deliveryCta');
  return {
    subject,
    text: [...lines, ...message, '', `${cta}: ${p.url}`, '', after].join('\n'),
    html: layout({
      title: subject,
      preheader: t('deliveryPreheader'),
      siteName: p.siteName,
      lang: locale,
      bodyHtml: [...lines, ...message].map(para).join('') + button(p.url, cta) + para(after),
    }),
  };
}

export function giftReminderEmail(p: {
  siteName: string;
  name: string | null;
  endsOn: string;
  supportUrl: string;
  locale?: Locale;
}): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.gifts');
  const subject = t('reminderSubject', { site: p.siteName, date: p.endsOn });
  const lines = [greeting(p.name, locale), t('reminderBody', { date: p.endsOn }), t('reminderCarryOn')];
  return paragraphsAndButton({
    subject,
    preheader: t('reminderPreheader'),
    siteName: p.siteName,
    lang: locale,
    lines,
    cta: t('reminderCta'),
    url: p.supportUrl,
  });
}
