import Link from 'next/link';
import { inlineHref } from '@/lib/articles/support-links';
import { CtaBeacon } from './CtaBeacon';
import { CtaSlot } from './CtaSlot';
import { CampaignProgress } from '@/components/campaigns/CampaignProgress';

/** Slot 3: mid-article, long reads only (see prepareArticleBody). */
export function InlineCta({ slug }: { slug: string }) {
  return (
    <CtaSlot slot="inline" slug={slug}>
      <aside className="cta cta--inline" data-cta="inline" aria-label="Support our journalism">
        <p>
          <strong>Reading this for free?</strong> Good: that is the point. Our patrons pay so that nobody has to. Join them for the price of
          a coffee a month and help choose what we investigate next.
        </p>
        <Link href={inlineHref(slug)}>Become a patron →</Link>
        <CampaignProgress />
        <CtaBeacon source={slug} placement="inline" />
      </aside>
    </CtaSlot>
  );
}
