import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { StaffShell } from '@/components/staff/StaffShell';
import { HtmlDocument } from '@/components/HtmlDocument';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Desk', template: '%s · Desk' }, robots: { index: false } };

export default async function DeskLayout({ children }: { children: ReactNode }) {
  // Every page and action checks again; this only guards the shared header.
  const user = await requireRole('EDITOR', { callbackUrl: '/desk' });
  const isAdmin = hasRole(user.role, 'ADMIN');
  const links = [
    { href: '/desk', label: 'Articles' },
    { href: '/desk/articles/new', label: 'New article' },
    { href: '/desk/rounds', label: 'Topic rounds' },
    { href: '/desk/spending', label: 'Spending' },
    { href: '/desk/newsletters', label: 'Newsletters' },
    { href: '/desk/campaigns', label: 'Campaigns' },
    { href: '/dashboard', label: 'Dashboard' },
    ...(isAdmin
      ? [
          { href: '/desk/tiers', label: 'Tiers' },
          { href: '/desk/team', label: 'Team' },
          { href: '/desk/jobs', label: 'Jobs' },
          { href: '/desk/retention', label: 'Cancellations' },
          { href: '/desk/referrals', label: 'Referrals' },
          { href: '/desk/pay-it-forward', label: 'Pay it forward' },
        ]
      : []),
    { href: '/', label: 'View site' },
  ];
  return (
    <HtmlDocument lang="en">
      <StaffShell area="Desk" links={links} user={user}>
        {children}
      </StaffShell>
    </HtmlDocument>
  );
}
