import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listNewsletters } from '@/lib/newsletters/newsletters';
import { subscriberCounts } from '@/lib/newsletters/desk';
import { saveNewsletterAction } from './actions';
import { NewsletterFields } from './NewsletterFields';
import styles from '../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import type { Metadata } from 'next';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { cadenceLabel } from '@/lib/newsletters/localized';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await staffTranslator('deskAudience.newsletters');
  return { title: t('title') };
}

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
      {list.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('colNewsletter')}</th>
              <th scope="col">{t('colCadence')}</th>
              <th scope="col">{t('colAudience')}</th>
              <th scope="col">{t('colSubscribers')}</th>
              <th scope="col">{t('colPending')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link href={`/desk/newsletters/${n.id}`}>{n.name}</Link>
                </td>
                <td>{cadenceLabel(n.cadence, locale)}</td>
                <td>{n.audience === 'PATRONS' ? t('audiencePatrons') : t('audienceEveryone')}</td>
                <td>{counts.get(n.id)?.confirmed ?? 0}</td>
                <td>{counts.get(n.id)?.pending ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('none')}</p>
      )}
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
