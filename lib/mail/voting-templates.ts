/**
 * Voting emails, in the recipient's language. Every interpolated value is escaped (`escapeHtml` /
 * `safeHref` from templates.ts).
 */
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, greeting, layout, safeHref, type RenderedEmail } from './templates';

/** "You voted for it, we published it": sent once per voter, topic and article. */
export function topicPublishedEmail(p: {
  siteName: string;
  name?: string | null;
  topicTitle: string;
  articleTitle: string;
  articleUrl: string;
  roundTitle: string;
  roundUrl: string;
  locale?: Locale;
}): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.voting');
  const subject = t('publishedSubject', { article: p.articleTitle })
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 300);
  const hello = greeting(p.name, locale);
  const body = t('publishedBody', { round: p.roundTitle, topic: p.topicTitle });
  const thanks = t('publishedThanks', { site: p.siteName });
  const lines = [hello, '', body, '', p.articleTitle, p.articleUrl, '', `${t('publishedRound')}: ${p.roundUrl}`, '', thanks];
  const html = layout({
    title: subject,
    preheader: t('publishedPreheader', { article: p.articleTitle }),
    siteName: p.siteName,
    lang: locale,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
      `<p style="margin:0 0 12px">${escapeHtml(hello)}</p>`,
      `<p style="margin:0 0 12px">${escapeHtml(body)}</p>`,
      `<p style="margin:0 0 12px;font-weight:bold">${escapeHtml(p.articleTitle)}</p>`,
      button(p.articleUrl, t('publishedRead')),
      `<p style="margin:0 0 12px"><a href="${safeHref(p.roundUrl)}">${escapeHtml(t('publishedRound'))}</a></p>`,
      `<p style="margin:0 0 12px">${escapeHtml(thanks)}</p>`,
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
  locale?: Locale;
}): RenderedEmail {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.voting');
  const subject = t('updateSubject', { topic: p.topicTitle })
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 300);
  const hello = greeting(p.name, locale);
  const why = p.because === 'voted' ? t('updateWhyVoted') : t('updateWhyFollowed');
  const news = t.markup('updateNews', { topic: p.topicTitle, stage: p.stageLabel, muted: (c) => c });
  const lines = [
    hello,
    '',
    news,
    '',
    p.body,
    '',
    `${t('updateFollow')}: ${p.topicUrl}`,
    '',
    ...(p.supportUrl ? [`${t('updateSupport')}: ${p.supportUrl}`, ''] : []),
    `${why} ${t('updateStopText', { url: p.stopUrl })}`,
  ];
  const paragraphs = p.body
    .split(/\n{2,}/)
    .map((para) => `<p style="margin:0 0 12px;white-space:pre-line">${escapeHtml(para)}</p>`)
    .join('\n');
  const newsHtml = t.markup('updateNews', {
    topic: escapeHtml(p.topicTitle),
    stage: escapeHtml(p.stageLabel),
    muted: (c) => `<span style="color:#555">${c}</span>`,
  });
  const stopHtml = t.markup('updateStop', { link: (c) => `<a href="${safeHref(p.stopUrl)}" style="color:#555">${c}</a>` });
  const html = layout({
    title: subject,
    preheader: p.body.slice(0, 120),
    siteName: p.siteName,
    lang: locale,
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
      `<p style="margin:0 0 12px">${escapeHtml(hello)}</p>`,
      `<p style="margin:0 0 12px">${newsHtml}</p>`,
      paragraphs,
      button(p.topicUrl, t('updateFollow')),
      p.supportUrl ? `<p style="margin:0 0 12px"><a href="${safeHref(p.supportUrl)}">${escapeHtml(t('updateSupport'))}</a></p>` : '',
      `<p style="margin:24px 0 0;font-size:14px;color:#555">${escapeHtml(why)} ${stopHtml}</p>`,
    ].join('\n'),
  });
  return { subject, text: lines.join('\n'), html };
}
