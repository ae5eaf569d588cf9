import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth/session';
import { StaffShell } from '@/components/staff/StaffShell';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await staffTranslator('staff');
  return { title: { default: t('shell.desk'), template: t('meta.deskTemplate') }, robots: { index: false } };
}

export default async function DeskLayout({ children }: { children: ReactNode }) {
  // Every page and action checks again; this only guards the shared header.
  const user = await requireRole('EDITOR', { callbackUrl: '/desk' });
  const locale = await staffLocale();
  const t = await staffTranslator('staff');
  const links = [
    { href: '/desk', label: t('nav.articles') },
    { href: '/desk/articles/new', label: t('nav.newArticle') },
    { href: '/desk/rounds', label: t('nav.rounds') },
    { href: '/desk/spending', label: t('nav.spending') },
    { href: '/desk/newsletters', label: t('nav.newsletters') },
    { href: '/desk/campaigns', label: t('nav.campaigns') },
    { href: '/desk/sections', label: t('nav.sections') },
    { href: '/dashboard', label: t('nav.dashboard') },
    { href: '/desk/tiers', label: t('nav.tiers'), adminOnly: true },
    { href: '/desk/team', label: t('nav.team'), adminOnly: true },
    { href: '/desk/jobs', label: t('nav.jobs'), adminOnly: true },
    { href: '/desk/retention', label: t('nav.cancellations'), adminOnly: true },
    { href: '/desk/referrals', label: t('nav.referrals'), adminOnly: true },
    { href: '/desk/pay-it-forward', label: t('nav.payItForward'), adminOnly: true },
    { href: '/', label: t('nav.viewSite') },
  ];
  return (
    <StaffShell area={t('shell.desk')} links={links} user={user} locale={locale} clientNamespaces={['desk', 'deskAudience']}>
      {children}
    </StaffShell>
  );
}
