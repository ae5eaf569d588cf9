/**
 * Voting emails. Every interpolated value is escaped (`escapeHtml` / `safeHref` from templates.ts).
 */
import { escapeHtml, layout, safeHref, type RenderedEmail } from './templates';

function button(url: string, label: string): string {
  return `<p style="margin:28px 0"><a href="${safeHref(url)}" style="display:inline-block;background:#1d3f72;color:#ffffff;text-decoration:none;padding:12px 22px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}

/** "You voted for it, we published it": sent once per voter, topic and article. */
export function topicPublishedEmail(p: {
  siteName: string;
  name?: string | null;
  topicTitle: string;
  articleTitle: string;
  articleUrl: string;
  roundTitle: string;
  roundUrl: string;
}): RenderedEmail {
  const subject = `You voted for it: “${p.articleTitle}” is out`.replace(/[\r\n]+/g, ' ').slice(0, 300);
  const hello = p.name ? `Hello ${p.name},` : 'Hello,';
  const lines = [
    hello,
    '',
    `In “${p.roundTitle}” you voted for the topic “${p.topicTitle}”. We have published the story:`,
    '',
    p.articleTitle,
    p.articleUrl,
    '',
    `See how the round went: ${p.roundUrl}`,
    '',
    `Thank you for being a patron of ${p.siteName}.`,
  ];
  const html = layout({
    title: subject,
    preheader: `The story you voted for is published: ${p.articleTitle}`,
    siteName: p.siteName,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
      `<p style="margin:0 0 12px">${escapeHtml(hello)}</p>`,
      `<p style="margin:0 0 12px">In “${escapeHtml(p.roundTitle)}” you voted for the topic “${escapeHtml(p.topicTitle)}”. We have published the story:</p>`,
      `<p style="margin:0 0 12px;font-weight:bold">${escapeHtml(p.articleTitle)}</p>`,
      button(p.articleUrl, 'Read the article'),
      `<p style="margin:0 0 12px"><a href="${safeHref(p.roundUrl)}">See how the round went</a></p>`,
      `<p style="margin:0 0 12px">Thank you for being a patron of ${escapeHtml(p.siteName)}.</p>`,
    ].join('\n'),
  });
  return { subject, text: lines.join('\n'), html };
}

/** A progress note on a topic the reader follows (voted for, or followed): once per follower and update. */
export function topicUpdateEmail(p: {
  siteName: string;
  name?: string | null;
  topicTitle: string;
  stageLabel: string;
  body: string;
  topicUrl: string;
  stopUrl: string;
  /** Why they get it: they voted for the topic, or chose to follow it. */
  because: 'voted' | 'followed';
  /** For followers who are not patrons now: where to become one. */
  supportUrl?: string | null;
}): RenderedEmail {
  const subject = `Update: “${p.topicTitle}”`.replace(/[\r\n]+/g, ' ').slice(0, 300);
  const hello = p.name ? `Hello ${p.name},` : 'Hello,';
  const why = p.because === 'voted' ? 'You get this because you voted for this topic.' : 'You get this because you follow this topic.';
  const lines = [
    hello,
    '',
    `News on “${p.topicTitle}” (${p.stageLabel}):`,
    '',
    p.body,
    '',
    `Follow the reporting: ${p.topicUrl}`,
    '',
    ...(p.supportUrl ? [`Patrons choose what we report next: ${p.supportUrl}`, ''] : []),
    `${why} Stop all topic emails with one click: ${p.stopUrl}`,
  ];
  const paragraphs = p.body
    .split(/\n{2,}/)
    .map((para) => `<p style="margin:0 0 12px;white-space:pre-line">${escapeHtml(para)}</p>`)
    .join('\n');
  const html = layout({
    title: subject,
    preheader: p.body.slice(0, 120),
    siteName: p.siteName,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
      `<p style="margin:0 0 12px">${escapeHtml(hello)}</p>`,
      `<p style="margin:0 0 12px">News on “${escapeHtml(p.topicTitle)}” <span style="color:#555">(${escapeHtml(p.stageLabel)})</span>:</p>`,
      paragraphs,
      button(p.topicUrl, 'Follow the reporting'),
      p.supportUrl ? `<p style="margin:0 0 12px"><a href="${safeHref(p.supportUrl)}">Patrons choose what we report next</a></p>` : '',
      `<p style="margin:24px 0 0;font-size:14px;color:#555">${escapeHtml(why)} <a href="${safeHref(p.stopUrl)}" style="color:#555">Stop all topic emails</a> (one click, no sign-in).</p>`,
    ].join('\n'),
  });
  return { subject, text: lines.join('\n'), html };
}
