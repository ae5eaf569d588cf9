import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth/session';
import { StaffShell } from '@/components/staff/StaffShell';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Desk', template: '%s · Desk' }, robots: { index: false } };

export default async function DeskLayout({ children }: { children: ReactNode }) {
  // Every page and action checks again; this only guards the shared header.
  const user = await requireRole('EDITOR', { callbackUrl: '/desk' });
  const links = [
    { href: '/desk', label: 'Articles' },
    { href: '/desk/articles/new', label: 'New article' },
    { href: '/desk/rounds', label: 'Topic rounds' },
    { href: '/desk/spending', label: 'Spending' },
    { href: '/desk/newsletters', label: 'Newsletters' },
    { href: '/desk/campaigns', label: 'Campaigns' },
    { href: '/dashboard', label: 'Dashboard' },
    { href: '/desk/tiers', label: 'Tiers', adminOnly: true },
    { href: '/desk/team', label: 'Team', adminOnly: true },
    { href: '/desk/jobs', label: 'Jobs', adminOnly: true },
    { href: '/desk/retention', label: 'Cancellations', adminOnly: true },
    { href: '/desk/referrals', label: 'Referrals', adminOnly: true },
    { href: '/desk/pay-it-forward', label: 'Pay it forward', adminOnly: true },
    { href: '/', label: 'View site' },
  ];
  return (
    <StaffShell area="Desk" links={links} user={user}>
      {children}
    </StaffShell>
  );
}
