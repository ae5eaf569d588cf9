import { requireRole } from '@/lib/auth/session';
import { listCampaigns } from '@/lib/campaigns/campaigns';
import { billingCurrencies } from '@/lib/billing/config';
import { CampaignForm } from './CampaignForm';

export const dynamic = 'force-dynamic';

/** Staff (editors and admins): campaigns with dates and a goal; their progress bar shows in the calls to action and on /support. */
export default async function CampaignsPage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/campaigns' });
  const campaigns = await listCampaigns();
  return (
    <main>
      <h1>Campaigns</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Dates (UTC)</th>
            <th scope="col">Progress</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <td>{c.title}</td>
              <td>
                {c.startsAt.slice(0, 16).replace('T', ' ')} to {c.endsAt.slice(0, 16).replace('T', ' ')}
              </td>
              <td>
                {c.label} ({c.percent}%)
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>New campaign</h2>
      <CampaignForm currencies={billingCurrencies()} />
    </main>
  );
}
