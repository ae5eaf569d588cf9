'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { TranslationFields } from '@/components/staff/TranslationFields';
import styles from '../desk.module.css';
import { createCampaignAction, type CampaignFormState } from './actions';

export function CampaignForm({ currencies }: { currencies: string[] }) {
  const [state, action, pending] = useActionState<CampaignFormState, FormData>(createCampaignAction, {});
  const t = useTranslations('deskAudience.campaigns.form');
  const v = (k: string) => state.values?.[k] ?? '';
  return (
    // Remounted after each answer, so a refused form shows what was typed (and a saved one starts empty).
    <form key={state.version ?? 0} action={action}>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.message ? <p role="status">{state.message}</p> : null}
      <p>
        <label htmlFor="c-title">{t('title')}</label>
        <br />
        <input id="c-title" name="title" required maxLength={120} defaultValue={v('title')} />
      </p>
      <p>
        <label htmlFor="c-description">{t('description')}</label>
        <br />
        <textarea id="c-description" name="description" rows={2} maxLength={500} defaultValue={v('description')} />
      </p>
      <TranslationFields
        idPrefix="c"
        note="optional"
        // Label above its field, as the form's other labels are (with their <br />).
        classes={{ field: styles.field }}
        translations={{ uk: { title: v('title_uk'), description: v('description_uk') } }}
        fields={[
          { name: 'title', kind: 'name', maxLength: 120 },
          { name: 'description', kind: 'description', multiline: true, rows: 2, maxLength: 500 },
        ]}
      />
      <p>
        <label htmlFor="c-starts">{t('starts')}</label>
        <br />
        <input id="c-starts" name="startsAt" type="datetime-local" required defaultValue={v('startsAt')} />
      </p>
      <p>
        <label htmlFor="c-ends">{t('ends')}</label>
        <br />
        <input id="c-ends" name="endsAt" type="datetime-local" required defaultValue={v('endsAt')} />
      </p>
      <p>
        <label htmlFor="c-kind">{t('goal')}</label>
        <br />
        <select id="c-kind" name="goalKind" defaultValue={v('goalKind') || 'patrons'}>
          <option value="patrons">{t('goalPatrons')}</option>
          <option value="amount">{t('goalAmount')}</option>
        </select>
      </p>
      <p>
        <label htmlFor="c-value">{t('goalValue')}</label>
        <br />
        <input id="c-value" name="goalValue" type="number" min={1} required defaultValue={v('goalValue')} />
      </p>
      <p>
        <label htmlFor="c-currency">{t('currency')}</label>
        <br />
        <select id="c-currency" name="currency" defaultValue={v('currency') || undefined}>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>
      </p>
      <button type="submit" disabled={pending}>
        {t('save')}
      </button>
    </form>
  );
}
