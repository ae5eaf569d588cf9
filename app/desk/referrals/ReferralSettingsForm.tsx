'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { saveReferralSettingsAction, type ReferralFormState } from './actions';
import type { ReferralSettings } from '@/lib/referrals/settings';

export function ReferralSettingsForm({ settings }: { settings: ReferralSettings }) {
  const [state, action, pending] = useActionState<ReferralFormState, FormData>(saveReferralSettingsAction, {});
  const t = useTranslations('deskAudience.referrals.form');
  return (
    <form action={action}>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.message ? <p role="status">{state.message}</p> : null}
      <p>
        <label>
          <input name="rewardFreeMonth" type="checkbox" defaultChecked={settings.rewardFreeMonth} /> {t('reward')}
        </label>
      </p>
      <button type="submit" disabled={pending}>
        {t('save')}
      </button>
    </form>
  );
}
