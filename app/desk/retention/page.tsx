import { requireRole } from '@/lib/auth/session';
import { getRetentionSettings } from '@/lib/retention/settings';
import { RetentionForm } from './RetentionForm';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.retention.title');

/** Admins: the offers shown to patrons who cancel (/account/cancel, /cancel) and the win-back email. */
export default async function RetentionSettingsPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/retention' });
  const settings = await getRetentionSettings();
  const t = await staffTranslator('deskAudience.retention');
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <RetentionForm settings={settings} />
    </main>
  );
}
