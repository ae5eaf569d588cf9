'use client';

import { useActionState } from 'react';
import { createCampaignAction, type CampaignFormState } from './actions';

export function CampaignForm({ currencies }: { currencies: string[] }) {
  const [state, action, pending] = useActionState<CampaignFormState, FormData>(createCampaignAction, {});
  return (
    <form action={action}>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.message ? <p role="status">{state.message}</p> : null}
      <p>
        <label htmlFor="c-title">Title</label>
        <br />
        <input id="c-title" name="title" required maxLength={120} />
      </p>
      <p>
        <label htmlFor="c-description">Description (optional)</label>
        <br />
        <textarea id="c-description" name="description" rows={2} maxLength={500} />
      </p>
      <p>
        <label htmlFor="c-starts">Starts (UTC)</label>
        <br />
        <input id="c-starts" name="startsAt" type="datetime-local" required />
      </p>
      <p>
        <label htmlFor="c-ends">Ends (UTC)</label>
        <br />
        <input id="c-ends" name="endsAt" type="datetime-local" required />
      </p>
      <p>
        <label htmlFor="c-kind">Goal</label>
        <br />
        <select id="c-kind" name="goalKind">
          <option value="patrons">New patrons</option>
          <option value="amount">Amount raised</option>
        </select>
      </p>
      <p>
        <label htmlFor="c-value">Goal value (patrons, or whole units of the currency)</label>
        <br />
        <input id="c-value" name="goalValue" type="number" min={1} required />
      </p>
      <p>
        <label htmlFor="c-currency">Currency (amount goals)</label>
        <br />
        <select id="c-currency" name="currency">
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>
      </p>
      <button type="submit" disabled={pending}>
        Save campaign
      </button>
    </form>
  );
}
