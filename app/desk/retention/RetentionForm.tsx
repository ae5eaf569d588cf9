'use client';

import { useActionState } from 'react';
import { saveRetentionAction, type RetentionFormState } from './actions';
import type { RetentionSettings } from '@/lib/retention/settings';

export function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const [state, action, pending] = useActionState<RetentionFormState, FormData>(saveRetentionAction, {});
  return (
    <form action={action}>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.message ? <p role="status">{state.message}</p> : null}
      <p>
        <label htmlFor="pauseMaxMonths">Pause offer: up to how many months (0 = no pause offer)</label>
        <br />
        <input id="pauseMaxMonths" name="pauseMaxMonths" type="number" min={0} max={3} defaultValue={settings.pauseMaxMonths} />
      </p>
      <p>
        <label htmlFor="lowerPercent">Lower-amount offer: percent off their current amount (0 = no such offer)</label>
        <br />
        <input id="lowerPercent" name="lowerPercent" type="number" min={0} max={90} defaultValue={settings.lowerPercent} />
      </p>
      <p>
        <label>
          <input name="yearlyOffer" type="checkbox" defaultChecked={settings.yearlyOffer} /> Offer monthly patrons to switch to the
          tier&apos;s yearly price
        </label>
      </p>
      <p>
        <label htmlFor="winbackDays">Win-back email: days after a membership ended (0 = none)</label>
        <br />
        <input id="winbackDays" name="winbackDays" type="number" min={0} max={365} defaultValue={settings.winbackDays} />
      </p>
      <button type="submit" disabled={pending}>
        Save
      </button>
    </form>
  );
}
