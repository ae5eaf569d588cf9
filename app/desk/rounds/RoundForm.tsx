'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { saveRoundAction, type RoundFormState } from './actions';
import styles from '../desk.module.css';
import { InputField } from '@/components/staff/Field';
import { TranslationFields } from '@/components/staff/TranslationFields';

/** opensAt / closesAt: datetime-local values in the newsroom's time zone (`toSiteWallTime`), read back the same way. */
type Values = {
  title: string;
  description: string;
  slug: string;
  opensAt: string;
  closesAt: string;
  votesPerPatron: number;
  suggestionsPerPatron: number;
  resultsVisibility: 'LIVE' | 'AFTER_CLOSE';
  joinedBeforeOpenOnly: boolean;
  /** Title and description in other languages (empty: readers of /uk see the English). */
  translations?: unknown;
};

export function RoundForm({ id, initial, timeZone }: { id?: string; initial: Values; timeZone: string }) {
  const t = useTranslations('desk.rounds.form');
  const [state, action, pending] = useActionState<RoundFormState, FormData>(saveRoundAction, { errors: {}, message: null });
  const [opensAt, setOpensAt] = useState(initial.opensAt);
  const [closesAt, setClosesAt] = useState(initial.closesAt);
  const e = state.errors;
  const err = (k: string) =>
    e[k] ? (
      <p className={styles.error} id={`r-${k}-error`}>
        {e[k]}
      </p>
    ) : null;
  const inv = (k: string) => (e[k] ? { 'aria-invalid': true as const, 'aria-describedby': `r-${k}-error` } : {});
  const field = (k: string) => ({ error: e[k], className: styles.field, controlClassName: styles.input, errorClassName: styles.error });
  return (
    <form action={action} className={styles.form} noValidate>
      {state.message ? (
        <p className={styles.alert} role="alert">
          {state.message}
        </p>
      ) : null}
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <InputField id="r-title" label={t('title')} name="title" defaultValue={initial.title} maxLength={200} {...field('title')} />
      <InputField id="r-slug" label={t('slug')} name="slug" defaultValue={initial.slug} {...field('slug')} />
      <div className={styles.field}>
        <label htmlFor="r-description">{t('description')}</label>
        <textarea
          id="r-description"
          name="description"
          className={styles.input}
          rows={3}
          defaultValue={initial.description}
          {...inv('description')}
        />
        {err('description')}
      </div>
      <TranslationFields
        idPrefix="r"
        note="optional"
        translations={initial.translations}
        fields={[
          { name: 'title', kind: 'name', maxLength: 200 },
          { name: 'description', kind: 'summary', multiline: true, rows: 3 },
        ]}
        classes={{ field: styles.field, input: styles.input, error: styles.error }}
      />
      <div className={styles.columns}>
        <InputField
          id="r-opens"
          label={t('opensAt', { timeZone })}
          type="datetime-local"
          name="opensAt"
          value={opensAt}
          onChange={(ev) => setOpensAt(ev.target.value)}
          {...field('opensAt')}
        />
        <InputField
          id="r-closes"
          label={t('closesAt', { timeZone })}
          type="datetime-local"
          name="closesAt"
          value={closesAt}
          onChange={(ev) => setClosesAt(ev.target.value)}
          {...field('closesAt')}
        />
        <InputField
          id="r-votes"
          label={t('votesPerPatron')}
          type="number"
          min={1}
          max={10}
          name="votesPerPatron"
          defaultValue={initial.votesPerPatron}
          {...field('votesPerPatron')}
        />
        <InputField
          id="r-sugg"
          label={t('suggestionsPerPatron')}
          type="number"
          min={0}
          max={10}
          name="suggestionsPerPatron"
          defaultValue={initial.suggestionsPerPatron}
          {...field('suggestionsPerPatron')}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="r-vis">{t('results')}</label>
        <select id="r-vis" name="resultsVisibility" className={styles.select} defaultValue={initial.resultsVisibility}>
          <option value="LIVE">{t('resultsLive')}</option>
          <option value="AFTER_CLOSE">{t('resultsAfterClose')}</option>
        </select>
        {err('resultsVisibility')}
      </div>
      <div className={styles.field}>
        <label>
          <input
            type="checkbox"
            name="joinedBeforeOpenOnly"
            defaultChecked={initial.joinedBeforeOpenOnly}
            {...inv('joinedBeforeOpenOnly')}
          />{' '}
          {t('joinedBeforeOpenOnly')}
        </label>
        {err('joinedBeforeOpenOnly')}
      </div>
      <div className={styles.actions}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? t('saving') : id ? t('save') : t('create')}
        </button>
      </div>
    </form>
  );
}
