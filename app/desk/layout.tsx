import Link from 'next/link';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { SignOutButton } from '@/components/auth/SignOutButton';
import styles from './desk.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Desk', template: '%s · Desk' }, robots: { index: false } };

export default async function DeskLayout({ children }: { children: ReactNode }) {
  // Every page and action checks again; this only guards the shared header.
  const user = await requireRole('EDITOR', { callbackUrl: '/desk' });
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <span className={styles.brand}>Desk</span>
        <nav className={styles.nav} aria-label="Desk">
          <Link href="/desk">Articles</Link>
          <Link href="/desk/articles/new">New article</Link>
          <Link href="/desk/rounds">Topic rounds</Link>
          <Link href="/dashboard">Dashboard</Link>
          {hasRole(user.role, 'ADMIN') ? <Link href="/desk/tiers">Tiers</Link> : null}
          {hasRole(user.role, 'ADMIN') ? <Link href="/desk/team">Team</Link> : null}
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
