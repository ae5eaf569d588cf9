import { requireRole } from '@/lib/auth/session';
import { listTeam } from '@/lib/auth/team';
import { TeamForm } from './TeamForm';
import styles from '../desk.module.css';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Team' };

export default async function TeamPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/team' });
  const team = await listTeam();
  return (
    <main>
      <h1>Team</h1>
      <p>
        Editors can write, schedule and publish articles. Admins (set with ADMIN_EMAILS) can also manage the team. An admin demoted here
        stays an editor; the last admin can&apos;t be demoted, and addresses listed in ADMIN_EMAILS are changed in the settings (taking
        effect at that person&apos;s next sign-in).
      </p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Signed in before</th>
          </tr>
        </thead>
        <tbody>
          {team.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.name ?? '—'}</td>
              <td>{u.role === 'ADMIN' ? 'Admin' : 'Editor'}</td>
              <td>{u.emailVerified ? 'Yes' : 'Not yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Change someone&apos;s role</h2>
      <TeamForm />
    </main>
  );
}
