'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { saveRetentionAction, type RetentionFormState } from './actions';
import type { RetentionSettings } from '@/lib/retention/settings';

export function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const [state, action, pending] = useActionState<RetentionFormState, FormData>(saveRetentionAction, {});
  const t = useTranslations('deskAudience.retention.form');
  return (
    <form action={action}>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.message ? <p role="status">{state.message}</p> : null}
      <p>
        <label htmlFor="pauseMaxMonths">{t('pause')}</label>
        <br />
        <input id="pauseMaxMonths" name="pauseMaxMonths" type="number" min={0} max={3} defaultValue={settings.pauseMaxMonths} />
      </p>
      <p>
        <label htmlFor="lowerPercent">{t('lower')}</label>
        <br />
        <input id="lowerPercent" name="lowerPercent" type="number" min={0} max={90} defaultValue={settings.lowerPercent} />
      </p>
      <p>
        <label>
          <input name="yearlyOffer" type="checkbox" defaultChecked={settings.yearlyOffer} /> {t('yearly')}
        </label>
      </p>
      <p>
        <label htmlFor="winbackDays">{t('winback')}</label>
        <br />
        <input id="winbackDays" name="winbackDays" type="number" min={0} max={365} defaultValue={settings.winbackDays} />
      </p>
      <button type="submit" disabled={pending}>
        {t('save')}
      </button>
    </form>
  );
}
