import type { Metadata } from 'next';
import { requireRole } from '@/lib/auth/session';
import { staffTranslator } from '@/lib/i18n/staff-locale';
import { listTeam } from '@/lib/auth/team';
import { TeamForm } from './TeamForm';
import styles from '../desk.module.css';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const t = await staffTranslator('desk.team');
  return { title: t('title') };
}

export default async function TeamPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/team' });
  const team = await listTeam();
  const t = await staffTranslator('desk.team');
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('columns.email')}</th>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.role')}</th>
            <th scope="col">{t('columns.signedIn')}</th>
          </tr>
        </thead>
        <tbody>
          {team.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.name ?? '—'}</td>
              <td>{u.role === 'ADMIN' ? t('admin') : t('editor')}</td>
              <td>{u.emailVerified ? t('yes') : t('notYet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('change')}</h2>
      <TeamForm />
    </main>
  );
}
