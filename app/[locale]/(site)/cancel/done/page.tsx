import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention.meta');
  return { title: t('done'), robots: { index: false } };
}

type Props = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

const schema = z.object({
  outcome: z.enum(['canceled', 'paused', 'lowered', 'yearly']).catch('canceled'),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** After a decision at /account/cancel or through a cancel link (public: it shows only what the URL says). */
export default async function CancelDonePage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention.done');
  const sp = await searchParams;
  const { outcome, until } = schema.parse({ outcome: one(sp.outcome), until: one(sp.until) });
  return (
    <div className="container account-page">
      <h1>{outcome === 'canceled' ? t('canceledHeading') : t('stayingHeading')}</h1>
      <p data-testid="cancel-outcome" data-outcome={outcome}>
        {outcome === 'canceled' ? t('canceled', { until: until ?? t('periodEnd') }) : null}
        {outcome === 'paused' ? (until ? t('paused', { until }) : t('pausedNoDate')) : null}
        {outcome === 'lowered' ? t('lowered') : null}
        {outcome === 'yearly' ? t('yearly') : null}
      </p>
      <p>
        {t.rich('links', {
          account: (c) => <Link href={localePath(locale, '/account')}>{c}</Link>,
          home: (c) => <Link href={localePath(locale, '/')}>{c}</Link>,
        })}
      </p>
    </div>
  );
}
