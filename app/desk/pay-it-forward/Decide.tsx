'use client';

import { useActionState } from 'react';
import { declineAction, grantAction, type PifFormState } from './actions';

export function Decide({
  applicationId,
  tiers,
  currencies,
}: {
  applicationId: string;
  tiers: { id: string; name: string }[];
  currencies: string[];
}) {
  const [granted, grant, granting] = useActionState<PifFormState, FormData>(grantAction, {});
  const [declined, decline, declining] = useActionState<PifFormState, FormData>(declineAction, {});
  const note = granted.error ?? declined.error ?? granted.message ?? declined.message;
  return (
    <div>
      {note ? <p role="status">{note}</p> : null}
      <form action={grant}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <select name="tierId" aria-label="Tier">
          {tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>{' '}
        <select name="months" aria-label="Months" defaultValue="6">
          <option value="3">3 months</option>
          <option value="6">6 months</option>
          <option value="12">12 months</option>
        </select>{' '}
        <select name="currency" aria-label="Currency">
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>{' '}
        <button type="submit" disabled={granting}>
          Grant from the pot
        </button>
      </form>
      <form action={decline}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <button type="submit" disabled={declining}>
          Decline
        </button>
      </form>
    </div>
  );
}
