/**
 * Every email the app sends, in one place. Each template returns a subject, a plain-text body and
 * a simple, accessible HTML body. Every interpolated value is escaped with `escapeHtml` (or
 * `escapeAttr` inside attributes): never build HTML for mail anywhere else.
 */

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
}: {
  title: string;
  preheader?: string;
  bodyHtml: string;
  siteName: string;
}): string {
  return `<!doctype html>
<html lang="en">
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

function button(url: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${safeHref(url)}" style="display:inline-block;background:#1d3f72;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}

// ---------------------------------------------------------------------------------------------
// magic-link: the sign-in email. `url` is our /signin/confirm page (never next-auth's callback).

/** "30 minutes", "1 hour", "24 hours": how long a sign-in link lives, in words. */
export function linkLifetime(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function magicLinkEmail({ url, siteName, minutes = 30 }: { url: string; siteName: string; minutes?: number }): RenderedEmail {
  const subject = `Sign in to ${siteName}`;
  const lifetime = linkLifetime(minutes);
  const text = [
    `Sign in to ${siteName}`,
    '',
    'Open this link to sign in:',
    url,
    '',
    `The link works once and expires in ${lifetime}.`,
    "If you didn't ask to sign in, you can ignore this email: nothing happens until the link is used.",
  ].join('\n');
  const html = layout({
    title: subject,
    preheader: `Your sign-in link (valid for ${lifetime}).`,
    siteName,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">Sign in to ${escapeHtml(siteName)}</h1>`,
      `<p style="margin:0 0 12px">Use the button below to sign in. The link works once and expires in ${lifetime}.</p>`,
      button(url, `Sign in to ${siteName}`),
      `<p style="margin:0 0 12px;font-size:15px">Or copy this address into your browser:<br><a href="${safeHref(url)}" style="color:#1d3f72;word-break:break-all">${escapeHtml(url)}</a></p>`,
      `<p style="margin:24px 0 0;font-size:15px;color:#555">If you didn't ask to sign in, you can ignore this email: nothing happens until the link is used.</p>`,
    ].join('\n'),
  });
  return { subject, text, html };
}
