/** Gift membership emails: delivery to the recipient, and the reminder before it ends. Values are escaped. */
import { escapeHtml, layout, safeHref, type RenderedEmail } from '@/lib/mail/templates';

function button(url: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${safeHref(url)}" style="display:inline-block;background:#1d3f72;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}
const para = (l: string) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`;

export function giftDeliveryEmail(p: {
  siteName: string;
  from: string;
  tierName: string;
  months: number;
  message: string | null;
  url: string;
}): RenderedEmail {
  const subject = `${p.from} gave you a ${p.siteName} membership`;
  const lines = [
    `${p.from} gave you ${p.months} months as a ${p.tierName} patron of ${p.siteName}: you vote on the topics our newsroom covers next, and no card is needed.`,
  ];
  const message = p.message ? [`Their message: “${p.message}”`] : [];
  const after = 'Open the link, sign in with any email address you like, and the membership starts then.';
  return {
    subject,
    text: [...lines, ...message, '', `Redeem your gift: ${p.url}`, '', after].join('\n'),
    html: layout({
      title: subject,
      preheader: 'A gift membership for you',
      siteName: p.siteName,
      bodyHtml: [...lines, ...message].map(para).join('') + button(p.url, 'Redeem your gift') + para(after),
    }),
  };
}

export function giftReminderEmail(p: { siteName: string; name: string | null; endsOn: string; supportUrl: string }): RenderedEmail {
  const subject = `Your gift membership of ${p.siteName} ends on ${p.endsOn}`;
  const lines = [
    p.name ? `Hello ${p.name},` : 'Hello,',
    `The gift membership you were given ends on ${p.endsOn}. We hope you enjoyed voting on what we cover.`,
    'If you would like to carry on as a patron, you can choose a membership yourself: from the price of a coffee a month.',
  ];
  return {
    subject,
    text: [...lines, '', `Continue as a patron: ${p.supportUrl}`].join('\n'),
    html: layout({
      title: subject,
      preheader: 'Carry on as a patron',
      siteName: p.siteName,
      bodyHtml: lines.map(para).join('') + button(p.supportUrl, 'Continue as a patron'),
    }),
  };
}
