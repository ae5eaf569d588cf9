import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { StaffShell } from '@/components/staff/StaffShell';
import { HtmlDocument } from '@/components/HtmlDocument';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await staffTranslator('staff');
  return { title: { default: t('shell.dashboard'), template: t('meta.dashboardTemplate') }, robots: { index: false } };
}

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks the role itself (and redirects or answers 403); the header shows only to staff.
  const user = await getCurrentUser();
  const locale = await staffLocale();
  if (!user || !hasRole(user.role, 'EDITOR')) return <HtmlDocument lang={locale}>{children}</HtmlDocument>;
  const t = await staffTranslator('staff');
  const links = [
    { href: '/dashboard', label: hasRole(user.role, 'ADMIN') ? t('nav.figures') : t('nav.topicStatistics') },
    { href: '/dashboard/members', label: t('nav.members'), adminOnly: true },
    { href: '/dashboard/members/import', label: t('nav.import'), adminOnly: true },
    { href: '/desk', label: t('nav.desk') },
    { href: '/', label: t('nav.viewSite') },
  ];
  return (
    <StaffShell area={t('shell.dashboard')} links={links} user={user} locale={locale} clientNamespaces={['dashboard']}>
      {children}
    </StaffShell>
  );
}
