'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('deskAudience.payItForward.decide');
  return (
    <div>
      {note ? <p role="status">{note}</p> : null}
      <form action={grant}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <select name="tierId" aria-label={t('tier')}>
          {tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>{' '}
        <select name="months" aria-label={t('months')} defaultValue="6">
          {[3, 6, 12].map((m) => (
            <option key={m} value={String(m)}>
              {t('monthCount', { count: m })}
            </option>
          ))}
        </select>{' '}
        <select name="currency" aria-label={t('currency')}>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>{' '}
        <button type="submit" disabled={granting}>
          {t('grant')}
        </button>
      </form>
      <form action={decline}>
        <input type="hidden" name="applicationId" value={applicationId} />
        <button type="submit" disabled={declining}>
          {t('decline')}
        </button>
      </form>
    </div>
  );
}
