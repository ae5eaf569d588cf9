import type { Metadata } from 'next';
import Link from 'next/link';
import { parseSupportParams } from '@/lib/articles/support-links';
import { getArticleBySlug } from '@/lib/articles/queries';
import { pageMetadata } from '@/lib/articles/seo';
import { siteName, siteUrl } from '@/lib/config/site';
import { getCurrentUser } from '@/lib/auth/session';
import { listOfferedTiers } from '@/lib/billing/tiers';
import { SupportView } from '@/components/billing/SupportView';
import { parseReferralCode, referralCodeExists } from '@/lib/referrals/referrals';
import { comeBackChoice } from '@/lib/cta/ask';
import { CampaignProgress } from '@/components/campaigns/CampaignProgress';

// Reads ?from=&placement=&round= (validated) and the session, so it is dynamic. Article pages stay static.
export const dynamic = 'force-dynamic';
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
  const search = await searchParams;
  const { from, placement, round } = parseSupportParams(search);
  const refCandidate = parseReferralCode(search.ref);
  const [fromArticle, user, tiers, refOk] = await Promise.all([
    from ? getArticleBySlug(from) : null,
    getCurrentUser(),
    listOfferedTiers(),
    refCandidate ? referralCodeExists(refCandidate) : false,
  ]);
  const ref = refOk ? refCandidate : null;
  // A lapsed patron finds their old tier and billing chosen ("come back").
  const comeBack = user ? await comeBackChoice(user.id) : null;

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
        We keep our reporting open and accessible to everyone. There is no paywall on {siteName()} and there never will be: local news
        should reach everyone it affects, whether or not they can pay for it.
      </p>
      <p>
        Reporting still costs money: time in council meetings and courtrooms, records requests, fact-checking, editing. Patrons cover it.
        For as little as a cup of coffee a month, you keep every story free for your neighbours, and you get a say in what comes next.
      </p>
      <ul className="support-page__perks">
        <li>
          <strong>Vote on our next stories.</strong> Patrons choose among the topics our reporters propose (
          <Link href="/topics">see the current vote</Link>).
        </li>
        <li>
          <strong>Know where your money goes.</strong> We publish what we spend on reporting:{' '}
          <Link href="/transparency">see our figures and spending</Link>.
        </li>
        <li>
          <strong>Cancel any time.</strong> Nothing you can read today will ever be locked away.
        </li>
        <li>
          <strong>Give it to someone.</strong> <Link href="/gift">Give a gift membership</Link> of 3, 6 or 12 months, or{' '}
          <Link href="/pay-it-forward">pay it forward</Link> for readers who cannot pay.
        </li>
      </ul>
      {ref ? (
        <p className="notice" data-testid="referral-notice">
          A patron of {siteName()} invited you. Welcome!
        </p>
      ) : null}
      {comeBack ? (
        <p className="notice" data-testid="come-back-notice">
          Welcome back! {comeBack.tierName ? `Your ${comeBack.tierName} membership is chosen below.` : 'Pick up where you left off.'}
        </p>
      ) : null}
      <CampaignProgress />
      <SupportView
        tiers={tiers}
        signedIn={Boolean(user)}
        from={fromArticle?.slug ?? undefined}
        placement={placement ?? undefined}
        round={round ?? undefined}
        refCode={ref ?? undefined}
        preselect={comeBack?.tierId ? { tierId: comeBack.tierId, interval: comeBack.interval, currency: comeBack.currency } : undefined}
      />
      <p>
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}
