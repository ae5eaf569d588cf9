import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listNewsletters } from '@/lib/newsletters/newsletters';
import { subscriberCounts } from '@/lib/newsletters/desk';
import { saveNewsletterAction } from './actions';
import { NewsletterFields } from './NewsletterFields';
import styles from '../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { DataTable } from '@/components/staff/DataTable';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { cadenceLabel } from '@/lib/newsletters/localized';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.newsletters.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewslettersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const sp = await searchParams;
  const [list, counts] = await Promise.all([listNewsletters(), subscriberCounts()]);
  const failed = first(sp.failed);
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters');
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ActionOutcome failed={failed} failedClass="error" styles={styles} />
      <DataTable
        className={styles.table}
        rows={list}
        rowKey={(n) => n.id}
        empty={<p>{t('none')}</p>}
        columns={[
          { header: t('colNewsletter'), cell: (n) => <Link href={`/desk/newsletters/${n.id}`}>{n.name}</Link> },
          { header: t('colCadence'), cell: (n) => cadenceLabel(n.cadence, locale) },
          { header: t('colAudience'), cell: (n) => (n.audience === 'PATRONS' ? t('audiencePatrons') : t('audienceEveryone')) },
          { header: t('colSubscribers'), cell: (n) => counts.get(n.id)?.confirmed ?? 0 },
          { header: t('colPending'), cell: (n) => counts.get(n.id)?.pending ?? 0 },
        ]}
      />
      <h2>{t('newHeading')}</h2>
      <form action={saveNewsletterAction} className={styles.form}>
        <NewsletterFields />
        <button type="submit" className={styles.button}>
          {t('create')}
        </button>
      </form>
    </main>
  );
}
