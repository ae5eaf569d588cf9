import Link from 'next/link';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { SignOutButton } from '@/components/auth/SignOutButton';
import styles from '@/components/dashboard/dashboard.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Dashboard', template: '%s · Dashboard' }, robots: { index: false } };

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks the role itself (and redirects or answers 403); the header shows only to staff.
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, 'EDITOR')) return <>{children}</>;
  const isAdmin = hasRole(user.role, 'ADMIN');
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <span className={styles.brand}>Dashboard</span>
        <nav className={styles.nav} aria-label="Dashboard">
          <Link href="/dashboard">{isAdmin ? 'Figures' : 'Topic statistics'}</Link>
          {isAdmin ? <Link href="/dashboard/members">Members</Link> : null}
          {isAdmin ? <Link href="/dashboard/members/import">Import</Link> : null}
          <Link href="/desk">Desk</Link>
          <Link href="/">View site</Link>
        </nav>
        <span className={styles.who}>
          {user.email} ({user.role.toLowerCase()})
        </span>
        <SignOutButton className={styles.secondary} />
      </header>
      <div className={styles.main}>{children}</div>
    </div>
  );
}
