import type { Metadata } from 'next';
import Link from 'next/link';
import { wallEntries } from '@/lib/campaigns/campaigns';
import { patronStatus } from '@/lib/billing/patron-status';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Our supporters' };

/** The supporter wall (public): patrons who chose to be thanked by name, while they are patrons. */
export default async function SupportersPage() {
  const entries = await wallEntries();
  const shown = [];
  for (const e of entries) if ((await patronStatus(e.userId)).isPatron) shown.push(e);
  return (
    <div className="container">
      <h1>Thank you to our supporters</h1>
      <p>These patrons chose to be thanked by name. Patrons can add their name from their account page.</p>
      {shown.length ? (
        <ul data-testid="supporter-wall">
          {shown.map((e) => (
            <li key={e.userId}>{e.displayName}</li>
          ))}
        </ul>
      ) : (
        <p>No names yet.</p>
      )}
      <p>
        <Link href="/support">Become a patron</Link>
      </p>
    </div>
  );
}
