import type { ReactNode } from 'react';
import { requireRole } from '@/lib/auth/session';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@/lib/members/member-import';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { ImportForm } from '@/components/dashboard/ImportForm';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('dashboard.import.metaTitle');

const code = (chunks: ReactNode) => <code>{chunks}</code>;

export default async function ImportMembersPage() {
  await requireRole('ADMIN', { callbackUrl: '/dashboard/members/import' });
  const t = await staffTranslator('dashboard');
  return (
    <main>
      <h1>{t('import.title')}</h1>
      <p>{t.rich('import.intro', { code, megabytes: IMPORT_MAX_BYTES / 1024 / 1024, rows: IMPORT_MAX_ROWS })}</p>
      <p>{t.rich('import.howItWorks', { code, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <ImportForm maxBytes={IMPORT_MAX_BYTES} />
    </main>
  );
}
