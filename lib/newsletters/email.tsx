/**
 * Newsletter emails, built with react-email (@react-email/components, rendered by @react-email/render):
 * table-based markup with inline styles that common mail clients (Outlook, Gmail, Apple Mail) render
 * alike, and a plain-text part derived from the same HTML. An issue is rendered ONCE per batch with a
 * placeholder where each recipient's signed link goes (`personalise`), so a large send costs one render.
 * No tracking pixel, no rewritten links.
 */
import { DEFAULT_LOCALE, localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import { plainTextSelectors, render, toPlainText as htmlToPlainText } from '@react-email/render';

// Headings keep their case in the plain-text part (html-to-text shouts them by default).
const TEXT_OPTIONS = {
  selectors: [...plainTextSelectors, { selector: 'h1', options: { uppercase: false } }, { selector: 'h2', options: { uppercase: false } }],
};
const toPlainText = (html: string) => htmlToPlainText(html, TEXT_OPTIONS);

/** Stands for a recipient's manage token in a rendered issue until `personalise` fills it in. */
export const TOKEN_PLACEHOLDER = 'PATRONAGE-RECIPIENT-TOKEN';

export type IssueArticle = { title: string; url: string; standfirst: string | null; bodyHtml: string | null };

export type IssueContent = {
  /** The recipient's language: the email's own words (footer, links) and its lang attribute. English when absent. */
  locale?: Locale;
  siteName: string;
  siteUrl: string;
  newsletterName: string;
  patronsOnly: boolean;
  subject: string;
  intro: string;
  articles: IssueArticle[];
  supportUrl: string;
};

export type RenderedIssue = { subject: string; html: string; text: string };

const font = 'Georgia, "Times New Roman", serif';
const sans = 'Arial, Helvetica, sans-serif';

function IssueEmail({ c, manageUrl }: { c: IssueContent; manageUrl: string }) {
  const locale = c.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.newsletters');
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{c.intro || c.articles[0]?.standfirst || c.subject}</Preview>
      <Body style={{ backgroundColor: '#f4f1ea', margin: 0, padding: '24px 0', fontFamily: font, color: '#1b1b1b' }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '600px', padding: '32px' }}>
          <Text
            style={{
              fontFamily: sans,
              fontSize: '13px',
              textTransform: 'uppercase',
              letterSpacing: '1px',
              color: '#6b6b6b',
              margin: '0 0 8px',
            }}
          >
            {c.siteName} · {c.newsletterName}
          </Text>
          <Heading as="h1" style={{ fontSize: '26px', lineHeight: '32px', margin: '0 0 16px' }}>
            {c.subject}
          </Heading>
          {c.intro
            ? c.intro.split(/\n{2,}/).map((p, i) => (
                <Text key={i} style={{ fontSize: '17px', lineHeight: '27px' }}>
                  {p}
                </Text>
              ))
            : null}
          {c.articles.map((a) => (
            <Section key={a.url} style={{ margin: '24px 0' }}>
              <Heading as="h2" style={{ fontSize: '21px', lineHeight: '27px', margin: '0 0 8px' }}>
                <Link href={a.url} style={{ color: '#1d3f72' }}>
                  {a.title}
                </Link>
              </Heading>
              {a.standfirst ? <Text style={{ fontSize: '17px', lineHeight: '26px', color: '#333333' }}>{a.standfirst}</Text> : null}
              {/* The article's own HTML, already sanitised by lib/articles/markdown (tag and scheme allow-list). */}
              {a.bodyHtml ? (
                <div style={{ fontSize: '17px', lineHeight: '27px' }} dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
              ) : null}
              <Text style={{ fontFamily: sans, fontSize: '15px' }}>
                <Link href={a.url} style={{ color: '#1d3f72', fontWeight: 'bold' }}>
                  {a.bodyHtml ? t('readOnSite') : t('readStory')}
                </Link>
              </Text>
            </Section>
          ))}
          <Hr style={{ borderColor: '#e3ded3', margin: '32px 0 16px' }} />
          {c.patronsOnly ? (
            <Text style={{ fontFamily: sans, fontSize: '14px', color: '#555555' }}>{t('patronsOnlyFooter', { site: c.siteName })}</Text>
          ) : (
            <Text style={{ fontFamily: sans, fontSize: '14px', color: '#555555' }}>
              {t.rich('supportFooter', {
                link: (chunks) => (
                  <Link href={c.supportUrl} style={{ color: '#1d3f72' }}>
                    {chunks}
                  </Link>
                ),
              })}
            </Text>
          )}
          <Text style={{ fontFamily: sans, fontSize: '13px', color: '#6b6b6b' }}>
            {t.rich('whySubscribed', {
              newsletter: c.newsletterName,
              link: (chunks) => (
                <Link href={manageUrl} style={{ color: '#6b6b6b' }}>
                  {chunks}
                </Link>
              ),
            })}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

const manageUrlOf = (siteUrl: string, token: string, locale: Locale = DEFAULT_LOCALE) =>
  `${siteUrl}${localePath(locale, '/newsletters/preferences')}?token=${token}`;
export const unsubscribeUrlOf = (siteUrl: string, token: string) => `${siteUrl}/api/newsletters/unsubscribe?token=${token}`;

/** The issue with TOKEN_PLACEHOLDER where each recipient's link goes. */
export async function renderIssue(c: IssueContent): Promise<RenderedIssue> {
  const html = await render(<IssueEmail c={c} manageUrl={manageUrlOf(c.siteUrl, TOKEN_PLACEHOLDER, c.locale)} />);
  const text = toPlainText(html);
  return { subject: c.subject, html, text };
}

/** One recipient's copy: their signed link in place of the placeholder. */
export function personalise(issue: RenderedIssue, token: string): RenderedIssue {
  return {
    subject: issue.subject,
    html: issue.html.split(TOKEN_PLACEHOLDER).join(token),
    text: issue.text.split(TOKEN_PLACEHOLDER).join(token),
  };
}

function ConfirmEmail({
  siteName,
  newsletterName,
  description,
  confirmUrl,
  locale,
}: {
  siteName: string;
  newsletterName: string;
  description: string;
  confirmUrl: string;
  locale: Locale;
}) {
  const t = translator(locale, 'email.newsletters');
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{t('confirmPreheader', { newsletter: newsletterName })}</Preview>
      <Body style={{ backgroundColor: '#f4f1ea', margin: 0, padding: '24px 0', fontFamily: font, color: '#1b1b1b' }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '600px', padding: '32px' }}>
          <Heading as="h1" style={{ fontSize: '24px', margin: '0 0 16px' }}>
            {t('confirmSubject', { newsletter: newsletterName })}
          </Heading>
          <Text style={{ fontSize: '17px', lineHeight: '26px' }}>{description}</Text>
          <Text style={{ fontSize: '17px', lineHeight: '26px' }}>{t('confirmAsked', { newsletter: newsletterName, site: siteName })}</Text>
          <Text style={{ fontFamily: sans, fontSize: '16px' }}>
            <Link
              href={confirmUrl}
              style={{
                color: '#ffffff',
                backgroundColor: '#1d3f72',
                padding: '12px 22px',
                borderRadius: '4px',
                fontWeight: 'bold',
                textDecoration: 'none',
              }}
            >
              {t('confirmCta')}
            </Link>
          </Text>
          <Text style={{ fontFamily: sans, fontSize: '13px', color: '#6b6b6b' }}>{t('confirmIgnore')}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export async function renderConfirmEmail(p: {
  siteName: string;
  newsletterName: string;
  description: string;
  confirmUrl: string;
  /** The language of the page the reader signed up on. */
  locale?: Locale;
}): Promise<RenderedIssue> {
  const locale = p.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, 'email.newsletters');
  const html = await render(<ConfirmEmail {...p} locale={locale} />);
  return {
    subject: t('confirmSubject', { newsletter: p.newsletterName })
      .replace(/[\r\n]+/g, ' ')
      .slice(0, 300),
    html,
    text: toPlainText(html),
  };
}
