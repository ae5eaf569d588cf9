'use client';

import { useActionState } from 'react';
import { saveReferralSettingsAction, type ReferralFormState } from './actions';
import type { ReferralSettings } from '@/lib/referrals/settings';

export function ReferralSettingsForm({ settings }: { settings: ReferralSettings }) {
  const [state, action, pending] = useActionState<ReferralFormState, FormData>(saveReferralSettingsAction, {});
  return (
    <form action={action}>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.message ? <p role="status">{state.message}</p> : null}
      <p>
        <label>
          <input name="rewardFreeMonth" type="checkbox" defaultChecked={settings.rewardFreeMonth} /> Reward referrers with a free month
        </label>
      </p>
      <button type="submit" disabled={pending}>
        Save
      </button>
    </form>
  );
}
