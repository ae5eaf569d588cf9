import { requireRole } from '@/lib/auth/session';
import { getRetentionSettings } from '@/lib/retention/settings';
import { RetentionForm } from './RetentionForm';

export const dynamic = 'force-dynamic';

/** Admins: the offers shown to patrons who cancel (/account/cancel, /cancel) and the win-back email. */
export default async function RetentionSettingsPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/retention' });
  const settings = await getRetentionSettings();
  return (
    <main>
      <h1>Cancellation offers</h1>
      <p>
        Patrons who cancel are asked why, then shown these offers before the cancel button. Pausing uses Stripe&apos;s pause of collection:
        a paused patron is not charged and does not vote until it ends.
      </p>
      <RetentionForm settings={settings} />
    </main>
  );
}
