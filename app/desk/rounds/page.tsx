import type { Metadata } from 'next';
import Link from 'next/link';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { requireRole } from '@/lib/auth/session';
import { listRoundsForDesk } from '@/lib/voting/rounds';
import { formatDateTime } from '@/lib/format/dates';
import styles from '../desk.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await staffTranslator('desk.rounds');
  return { title: t('list.title') };
}

export default async function RoundsPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/rounds' });
  const rounds = await listRoundsForDesk();
  const locale = await staffLocale();
  const t = translator(locale, 'desk.rounds');
  return (
    <>
      <h1>{t('list.heading')}</h1>
      <div className={styles.toolbar}>
        <Link href="/desk/rounds/new" className={styles.button}>
          {t('list.new')}
        </Link>
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t('list.round')}</th>
            <th>{t('list.phase')}</th>
            <th>{t('list.closes')}</th>
            <th>{t('list.topics')}</th>
            <th>{t('list.toReview')}</th>
            <th>{t('list.votes')}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/desk/rounds/${r.id}`}>{r.title}</Link>
              </td>
              <td>
                <span className={styles.status}>{t(`phase.${r.phase}`)}</span>
              </td>
              <td>{formatDateTime(r.closesAt, undefined, locale)}</td>
              <td>{r.topics}</td>
              <td>{r.proposed}</td>
              <td>{r.votes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rounds.length === 0 ? <p>{t('list.none')}</p> : null}
    </>
  );
}
