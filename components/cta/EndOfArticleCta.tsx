import Link from 'next/link';
import { endOfArticleHref } from '@/lib/articles/support-links';
import { formatDate } from '@/lib/format/dates';
import { CtaBeacon } from './CtaBeacon';
import { CtaSlot } from './CtaSlot';
import { CampaignProgress } from '@/components/campaigns/CampaignProgress';

type OpenRound = { slug: string; title: string; closesAt: Date | string };

/**
 * Slot 1: after every article. No paywall: the story above is, and stays, free. When a topic round
 * is open (`openRoundForSection`, read when the page is rendered), it says what patrons are voting on.
 */
export function EndOfArticleCta({ slug, round }: { slug: string; round?: OpenRound | null }) {
  const closes = round ? new Date(round.closesAt) : null;
  const roundNote = round ? (
    <p data-testid="cta-open-round">
      Patrons are voting right now on “<Link href="/topics">{round.title}</Link>”
      {closes && !Number.isNaN(closes.getTime()) ? `, open until ${formatDate(closes)}` : ''}.
    </p>
  ) : null;
  // The static default (anonymous readers, and everyone until /api/cta/ask answers); CtaSlot swaps in the ask that fits.
  return (
    <CtaSlot slot="end-of-article" slug={slug} extra={roundNote}>
      <aside className="cta cta--end" data-cta="end-of-article" aria-labelledby="cta-end-title">
        <h2 id="cta-end-title">This story is free. Help keep it that way.</h2>
        <p>
          We keep our reporting open and accessible to everyone: no paywall, no subscription wall, no article limits. Not everyone can
          afford to pay for news, and we believe nobody should have to in order to know what is happening in their own city.
        </p>
        <p>
          That only works because readers like you chip in. For as little as a cup of coffee a month, you can become a patron, keep this
          journalism free for your neighbours, and vote for the topics we should cover next.
        </p>
        <p>
          <Link href={endOfArticleHref(slug)} className="button">
            Become a patron
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
