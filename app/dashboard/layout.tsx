import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { StaffShell } from '@/components/staff/StaffShell';
import { HtmlDocument } from '@/components/HtmlDocument';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Dashboard', template: '%s · Dashboard' }, robots: { index: false } };

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks the role itself (and redirects or answers 403); the header shows only to staff.
  const user = await getCurrentUser();
  if (!user || !hasRole(user.role, 'EDITOR')) return <HtmlDocument lang="en">{children}</HtmlDocument>;
  const isAdmin = hasRole(user.role, 'ADMIN');
  const links = [
    { href: '/dashboard', label: isAdmin ? 'Figures' : 'Topic statistics' },
    ...(isAdmin
      ? [
          { href: '/dashboard/members', label: 'Members' },
          { href: '/dashboard/members/import', label: 'Import' },
        ]
      : []),
    { href: '/desk', label: 'Desk' },
    { href: '/', label: 'View site' },
  ];
  return (
    <HtmlDocument lang="en">
      <StaffShell area="Dashboard" links={links} user={user}>
        {children}
      </StaffShell>
    </HtmlDocument>
  );
}
