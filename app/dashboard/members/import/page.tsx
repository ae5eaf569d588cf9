import { requireRole } from '@/lib/auth/session';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@/lib/members/member-import';
import { ImportForm } from '@/components/dashboard/ImportForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Import members' };

export default async function ImportMembersPage() {
  await requireRole('ADMIN', { callbackUrl: '/dashboard/members/import' });
  return (
    <main>
      <h1>Import existing supporters</h1>
      <p>
        Upload a CSV file whose first line names the columns <code>email</code>, <code>name</code>, <code>tier</code> (a tier’s slug or
        name) and <code>stripe_customer_id</code>. Only <code>email</code> is required. At most {IMPORT_MAX_BYTES / 1024 / 1024} MB and{' '}
        {IMPORT_MAX_ROWS.toLocaleString('en-US')} rows.
      </p>
      <p>
        First a <strong>dry run</strong> shows what would happen to each row, and nothing is written. Applying then writes exactly that plan
        in one go; rows with errors are skipped. Imported members are linked to their Stripe customer; run <code>npm run stripe:sync</code>{' '}
        afterwards to bring in their subscriptions.
      </p>
      <ImportForm maxBytes={IMPORT_MAX_BYTES} />
    </main>
  );
}
