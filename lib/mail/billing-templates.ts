/**
 * Billing emails (to be merged into templates.ts). Every interpolated value is escaped with
 * `escapeHtml` / `safeHref`. Each email ends with a "Reference: …" line: the billing code uses it to
 * make sure a webhook replay never sends the same email twice.
 */
import { formatDate } from '@/lib/format/dates';
import { escapeHtml, layout, safeHref, type RenderedEmail } from './templates';

function button(url: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${safeHref(url)}" style="display:inline-block;background:#1d3f72;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}

function para(text: string): string {
  return `<p style="margin:0 0 12px">${escapeHtml(text)}</p>`;
}

function refLine(reference: string): { text: string; html: string } {
  return {
    text: `Reference: ${reference}`,
    html: `<p style="margin:24px 0 0;font-size:13px;color:#777">Reference: ${escapeHtml(reference)}</p>`,
  };
}

type Common = { siteName: string; name?: string | null; reference: string };

function greeting(name?: string | null): string {
  return name ? `Hello ${name},` : 'Hello,';
}

function render(opts: {
  subject: string;
  preheader: string;
  lines: string[];
  cta?: { url: string; label: string };
  after?: string[];
  siteName: string;
  reference: string;
}): RenderedEmail {
  const ref = refLine(opts.reference);
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
  return render({
    subject: `Welcome, patron of ${p.siteName}`,
    preheader: `Thank you for supporting ${p.siteName}.`,
    siteName: p.siteName,
    reference: p.reference,
    lines: [
      greeting(p.name),
      '',
      `Thank you for becoming a ${p.tierName} patron (${p.amount} ${p.intervalLabel}). Your support keeps ${p.siteName} independent and free for everyone to read.`,
    ],
    cta: { url: p.accountUrl, label: 'Manage your membership' },
  });
}

export function paymentReceiptEmail(p: Common & { amount: string; paidOn: Date; receiptUrl: string }): RenderedEmail {
  return render({
    subject: `Your ${p.siteName} receipt`,
    preheader: `We received your payment of ${p.amount}.`,
    siteName: p.siteName,
    reference: p.reference,
    lines: [greeting(p.name), '', `We received your payment of ${p.amount} on ${formatDate(p.paidOn)}. Thank you!`],
    cta: { url: p.receiptUrl, label: 'View your receipt' },
  });
}

export function paymentFailedEmail(p: Common & { amount: string; updateCardUrl: string; graceEndsAt?: Date | null }): RenderedEmail {
  return render({
    subject: `Your ${p.siteName} payment didn't go through`,
    preheader: 'Please update your card to keep your membership.',
    siteName: p.siteName,
    reference: p.reference,
    lines: [
      greeting(p.name),
      '',
      `We couldn't take your payment of ${p.amount}. Please update your card so your membership continues.`,
      p.graceEndsAt ? `Your membership stays active until ${formatDate(p.graceEndsAt)} while we retry.` : '',
    ],
    cta: { url: p.updateCardUrl, label: 'Update your card' },
  });
}

export function cancellationConfirmedEmail(p: Common & { endsAt: Date; accountUrl: string }): RenderedEmail {
  return render({
    subject: 'Your membership has been cancelled',
    preheader: `Your membership ends on ${formatDate(p.endsAt)}.`,
    siteName: p.siteName,
    reference: p.reference,
    lines: [
      greeting(p.name),
      '',
      `We've cancelled your membership as you asked. You remain a patron until ${formatDate(p.endsAt)}, and you won't be charged again.`,
      'Changed your mind? You can renew from your account page before then.',
    ],
    cta: { url: p.accountUrl, label: 'Your account' },
  });
}

export function membershipEndedEmail(p: Common & { supportUrl: string }): RenderedEmail {
  return render({
    subject: `Your ${p.siteName} membership has ended`,
    preheader: 'Thank you for your support.',
    siteName: p.siteName,
    reference: p.reference,
    lines: [greeting(p.name), '', `Your membership of ${p.siteName} has ended. Thank you for everything you gave while you were a patron.`],
    cta: { url: p.supportUrl, label: 'Become a patron again' },
  });
}
