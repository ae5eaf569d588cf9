import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { HtmlDocument } from '@/components/HtmlDocument';
import { hasRole } from '@/lib/auth/roles';
import styles from './staff.module.css';

export type StaffLink = { href: string; label: string; /** Shown to admins only. */ adminOnly?: boolean };

/** The document and chrome shared by the staff areas (desk, dashboard): name, navigation, who is signed in. */
export function StaffShell({
  area,
  links,
  user,
  children,
}: {
  area: string;
  links: StaffLink[];
  user: { email: string; role: string };
  children: ReactNode;
}) {
  const shown = links.filter((l) => !l.adminOnly || hasRole(user.role, 'ADMIN'));
  return (
    <HtmlDocument lang="en">
      <div className={styles.shell}>
        <header className={styles.header}>
          <span className={styles.brand}>{area}</span>
          <nav className={styles.nav} aria-label={area}>
            {shown.map((l) => (
              <Link key={l.href} href={l.href}>
                {l.label}
              </Link>
            ))}
          </nav>
          <span className={styles.who}>
            {user.email} ({user.role.toLowerCase()})
          </span>
          <SignOutButton className={styles.signOut} />
        </header>
        <div className={styles.main}>{children}</div>
      </div>
    </HtmlDocument>
  );
}
