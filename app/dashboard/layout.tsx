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
  const links = [
    { href: '/dashboard', label: hasRole(user.role, 'ADMIN') ? 'Figures' : 'Topic statistics' },
    { href: '/dashboard/members', label: 'Members', adminOnly: true },
    { href: '/dashboard/members/import', label: 'Import', adminOnly: true },
    { href: '/desk', label: 'Desk' },
    { href: '/', label: 'View site' },
  ];
  return (
    <StaffShell area="Dashboard" links={links} user={user}>
      {children}
    </StaffShell>
  );
}
