'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { saveSpendingAction, type SpendingFormState } from './actions';
import styles from '../desk.module.css';

type Props = { quarters: string[]; categories: [string, string][]; currency: string };

export function SpendingForm({ quarters, categories, currency }: Props) {
  const [state, action, pending] = useActionState<SpendingFormState, FormData>(saveSpendingAction, { errors: {}, message: null });
  const t = useTranslations('deskAudience.spending.form');
  const err = (k: string) =>
    state.errors[k] ? (
      <p id={`spending-${k}-error`} className={styles.error} role="alert">
        {state.errors[k]}
      </p>
    ) : null;
  const invalid = (k: string) => (state.errors[k] ? { 'aria-invalid': true, 'aria-describedby': `spending-${k}-error` } : {});
  return (
    // Remounted after each answer so the fields show what was typed (or the last quarter and category saved).
    <form key={state.version ?? 0} action={action} className={styles.form} noValidate style={{ maxWidth: 520 }} aria-label={t('label')}>
      {state.message ? (
        <p className={state.saved ? styles.success : styles.error} role="status">
          {state.message}
        </p>
      ) : null}
      <div className={styles.field}>
        <label htmlFor="spending-quarter">{t('quarter')}</label>
        <select
          id="spending-quarter"
          name="quarter"
          className={styles.input}
          defaultValue={state.values?.quarter || (quarters[1] ?? quarters[0])}
          {...invalid('quarter')}
        >
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
        {err('quarter')}
      </div>
      <div className={styles.field}>
        <label htmlFor="spending-category">{t('category')}</label>
        <select
          id="spending-category"
          name="category"
          className={styles.input}
          defaultValue={state.values?.category || undefined}
          {...invalid('category')}
        >
          {categories.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        {err('category')}
      </div>
      <div className={styles.field}>
        <label htmlFor="spending-amount">{t('amount', { currency: currency.toUpperCase() })}</label>
        <input
          id="spending-amount"
          name="amount"
          inputMode="decimal"
          className={styles.input}
          placeholder={t('placeholder')}
          defaultValue={state.values?.amount ?? ''}
          {...invalid('amount')}
        />
        {err('amount')}
      </div>
      <input type="hidden" name="currency" value={currency} />
      <div className={styles.actions}>
        <button type="submit" className={styles.button} disabled={pending}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}
