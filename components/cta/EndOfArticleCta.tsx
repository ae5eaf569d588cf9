import Link from 'next/link';
import { endOfArticleHref } from '@/lib/articles/support-links';
import { formatDate } from '@/lib/format/dates';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { CtaBeacon } from './CtaBeacon';
import { CtaSlot } from './CtaSlot';
import { CampaignProgress } from '@/components/campaigns/CampaignProgress';

type OpenRound = { slug: string; title: string; closesAt: Date | string };

/**
 * Slot 1: after every article. No paywall: the story above is, and stays, free. When a topic round
 * is open (`openRoundForSection`, read when the page is rendered), it says what patrons are voting on.
 */
export function EndOfArticleCta({ slug, round, locale = 'en' }: { slug: string; round?: OpenRound | null; locale?: Locale }) {
  const t = translator(locale, 'reading.endCta');
  const closes = round ? new Date(round.closesAt) : null;
  const link = (chunks: React.ReactNode) => <Link href={localePath(locale, '/topics')}>{chunks}</Link>;
  const roundNote = round ? (
    <p data-testid="cta-open-round">
      {closes && !Number.isNaN(closes.getTime())
        ? t.rich('roundNoteUntil', { title: round.title, date: formatDate(closes, undefined, locale), link })
        : t.rich('roundNote', { title: round.title, link })}
    </p>
  ) : null;
  // The static default (anonymous readers, and everyone until /api/cta/ask answers); CtaSlot swaps in the ask that fits.
  return (
    <CtaSlot slot="end-of-article" slug={slug} extra={roundNote}>
      <aside className="cta cta--end" data-cta="end-of-article" aria-labelledby="cta-end-title">
        <h2 id="cta-end-title">{t('heading')}</h2>
        <p>{t('p1')}</p>
        <p>{t('p2')}</p>
        <p>
          <Link href={localePath(locale, endOfArticleHref(slug))} className="button">
            {t('button')}
          </Link>
        </p>
        {/* After the button: the patron link stays the first link of this slot. */}
        {roundNote}
        <CampaignProgress />
        <CtaBeacon source={slug} placement="end-of-article" />
      </aside>
    </CtaSlot>
  );
}
