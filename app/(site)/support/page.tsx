import type { Metadata } from 'next';
import Link from 'next/link';
import { parseSupportParams } from '@/lib/articles/cta';
import { getArticleBySlug } from '@/lib/articles/queries';
import { pageMetadata } from '@/lib/articles/seo';
import { siteName, siteUrl } from '@/lib/config/site';

// Placeholder until the membership flow lands. Reads ?from=&placement= (validated), so it is dynamic.
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata(): Metadata {
  return pageMetadata({
    siteUrl: siteUrl(),
    siteName: siteName(),
    path: '/support',
    title: 'Become a patron',
    description: `Keep ${siteName()} free for everyone to read. Become a patron for as little as a cup of coffee a month.`,
  });
}

export default async function SupportPage({ searchParams }: Props) {
  const { from, placement } = parseSupportParams(await searchParams);
  const fromArticle = from ? await getArticleBySlug(from) : null;

  return (
    <div className="container support-page">
      <p className="kicker">Membership</p>
      <h1>Become a patron of {siteName()}</h1>
      {fromArticle ? (
        <p className="notice" data-from={fromArticle.slug} data-placement={placement ?? undefined}>
          You came from <Link href={`/articles/${fromArticle.slug}`}>“{fromArticle.title}”</Link>. Thank you for reading.
        </p>
      ) : null}
      <p className="support-page__lede">
        We keep our reporting open and accessible to everyone. There is no paywall on {siteName()} and there never will
        be: local news should reach everyone it affects, whether or not they can pay for it.
      </p>
      <p>
        Reporting still costs money: time in council meetings and courtrooms, records requests, fact-checking, editing.
        Patrons cover it. For as little as a cup of coffee a month, you keep every story free for your neighbours, and
        you get a say in what comes next.
      </p>
      <ul className="support-page__perks">
        <li>
          <strong>Vote on our next stories.</strong> Patrons choose among the topics our reporters propose.
        </li>
        <li>
          <strong>Know where your money goes.</strong> We publish what we spend on reporting.
        </li>
        <li>
          <strong>Cancel any time.</strong> Nothing you can read today will ever be locked away.
        </li>
      </ul>
      <p className="notice">Online membership sign-up is opening soon. Thank you for wanting to help.</p>
      <p>
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}
