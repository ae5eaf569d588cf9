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
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { PageMessages } from '@/components/i18n/PageMessages';

// Reads ?from=&placement=&round= (validated) and the session, so it is dynamic. Article pages stay static.
export const dynamic = 'force-dynamic';
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'membership.meta');
  const meta = pageMetadata({
    siteUrl: siteUrl(),
    siteName: siteName(),
    path: localePath(locale, '/support'),
    title: t('title'),
    description: t('description', { site: siteName() }),
  });
  return {
    ...meta,
    alternates: { ...meta.alternates, languages: { en: '/support', uk: localePath('uk', '/support') } },
  };
}

export default async function SupportPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'membership.page');
  const search = await searchParams;
  const { from, placement, round } = parseSupportParams(search);
  const refCandidate = parseReferralCode(search.ref);
  const [fromArticle, user, tiers, refOk] = await Promise.all([
    from ? getArticleBySlug(from) : null,
    getCurrentUser(),
    listOfferedTiers(locale),
    refCandidate ? referralCodeExists(refCandidate) : false,
  ]);
  const ref = refOk ? refCandidate : null;
  // A lapsed patron finds their old tier and billing chosen ("come back").
  const comeBack = user ? await comeBackChoice(user.id, locale) : null;
  const site = siteName();

  return (
    <div className="container support-page">
      <p className="kicker">{t('kicker')}</p>
      <h1>{t('heading', { site })}</h1>
      {fromArticle ? (
        <p className="notice" data-from={fromArticle.slug} data-placement={placement ?? undefined}>
          {t.rich('cameFrom', {
            title: fromArticle.title,
            link: (c) => <Link href={localePath(locale, `/articles/${fromArticle.slug}`)}>{c}</Link>,
          })}
        </p>
      ) : null}
      <p className="support-page__lede">{t('lede', { site })}</p>
      <p>{t('costs')}</p>
      <ul className="support-page__perks">
        <li>
          {t.rich('perkVote', { strong: (c) => <strong>{c}</strong>, link: (c) => <Link href={localePath(locale, '/topics')}>{c}</Link> })}
        </li>
        <li>
          {t.rich('perkMoney', {
            strong: (c) => <strong>{c}</strong>,
            link: (c) => <Link href={localePath(locale, '/transparency')}>{c}</Link>,
          })}
        </li>
        <li>{t.rich('perkCancel', { strong: (c) => <strong>{c}</strong> })}</li>
        <li>
          {t.rich('perkGift', {
            strong: (c) => <strong>{c}</strong>,
            gift: (c) => <Link href={localePath(locale, '/gift')}>{c}</Link>,
            pif: (c) => <Link href={localePath(locale, '/pay-it-forward')}>{c}</Link>,
          })}
        </li>
      </ul>
      {ref ? (
        <p className="notice" data-testid="referral-notice">
          {t('referral', { site })}
        </p>
      ) : null}
      {comeBack ? (
        <p className="notice" data-testid="come-back-notice">
          {comeBack.tierName ? t('comeBackTier', { tier: comeBack.tierName }) : t('comeBack')}
        </p>
      ) : null}
      <CampaignProgress />
      <PageMessages locale={locale} namespaces={['membership']}>
        <SupportView
          locale={locale}
          tiers={tiers}
          signedIn={Boolean(user)}
          from={fromArticle?.slug ?? undefined}
          placement={placement ?? undefined}
          round={round ?? undefined}
          refCode={ref ?? undefined}
          preselect={comeBack?.tierId ? { tierId: comeBack.tierId, interval: comeBack.interval, currency: comeBack.currency } : undefined}
        />
      </PageMessages>
      <p>
        <Link href={localePath(locale, '/')}>{t('home')}</Link>
      </p>
    </div>
  );
}
