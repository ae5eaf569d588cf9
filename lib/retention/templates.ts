/** Retention emails: the one-time cancel link and the win-back note. Values are escaped. */
import { escapeHtml, layout, linkLifetime, safeHref, type RenderedEmail } from '@/lib/mail/templates';

function button(url: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${safeHref(url)}" style="display:inline-block;background:#1d3f72;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}

export function cancelLinkEmail(p: { siteName: string; url: string; minutes: number }): RenderedEmail {
  const subject = `Cancel your ${p.siteName} membership`;
  const lines = [
    'Someone (we hope you) asked to cancel the membership of this email address.',
    `Open this link to confirm the cancellation. It works once and expires in ${linkLifetime(p.minutes)}.`,
  ];
  const after = 'If you did not ask for this, ignore this email: nothing changes.';
  return {
    subject,
    text: [...lines, '', `Cancel my membership: ${p.url}`, '', after].join('\n'),
    html: layout({
      title: subject,
      preheader: 'Your one-time cancellation link',
      siteName: p.siteName,
      bodyHtml:
        lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join('') +
        button(p.url, 'Cancel my membership') +
        `<p style="margin:0 0 12px;color:#555">${escapeHtml(after)}</p>`,
    }),
  };
}

export function winbackEmail(p: { siteName: string; name: string | null; supportUrl: string }): RenderedEmail {
  const subject = `We miss you at ${p.siteName}`;
  const lines = [
    p.name ? `Hello ${p.name},` : 'Hello,',
    `Your membership of ${p.siteName} ended a little while ago. Since then our reporters have kept going, and patrons have kept choosing what we cover next.`,
    'If you would like to come back, you can become a patron again in a minute, at any amount that suits you.',
  ];
  return {
    subject,
    text: [...lines, '', `Become a patron again: ${p.supportUrl}`].join('\n'),
    html: layout({
      title: subject,
      preheader: 'Come back whenever you like',
      siteName: p.siteName,
      bodyHtml:
        lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join('') + button(p.supportUrl, 'Become a patron again'),
    }),
  };
}
