import { requireRole } from '@/lib/auth/session';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { listTeam } from '@/lib/auth/team';
import { TeamForm } from './TeamForm';
import { DataTable } from '@/components/staff/DataTable';
import styles from '../desk.module.css';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.team.title');

export default async function TeamPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/team' });
  const team = await listTeam();
  const t = await staffTranslator('desk.team');
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <DataTable
        className={styles.table}
        rows={team}
        rowKey={(u) => u.id}
        columns={[
          { header: t('columns.email'), cell: (u) => u.email },
          { header: t('columns.name'), cell: (u) => u.name ?? '—' },
          { header: t('columns.role'), cell: (u) => (u.role === 'ADMIN' ? t('admin') : t('editor')) },
          { header: t('columns.signedIn'), cell: (u) => (u.emailVerified ? t('yes') : t('notYet')) },
        ]}
      />
      <h2>{t('change')}</h2>
      <TeamForm />
    </main>
  );
}
