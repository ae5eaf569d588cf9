import Link from 'next/link';
import { inlineHref } from '@/lib/articles/support-links';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { CtaBeacon } from './CtaBeacon';
import { CtaSlot } from './CtaSlot';
import { CampaignProgress } from '@/components/campaigns/CampaignProgress';

/** Slot 3: mid-article, long reads only (see prepareArticleBody). */
export function InlineCta({ slug, locale = 'en' }: { slug: string; locale?: Locale }) {
  const t = translator(locale, 'reading.inlineCta');
  return (
    <CtaSlot slot="inline" slug={slug}>
      <aside className="cta cta--inline" data-cta="inline" aria-label={t('label')}>
        <p>
          <strong>{t('lead')}</strong> {t('text')}
        </p>
        <Link href={localePath(locale, inlineHref(slug))}>{t('link')}</Link>
        <CampaignProgress />
        <CtaBeacon source={slug} placement="inline" />
      </aside>
    </CtaSlot>
  );
}
