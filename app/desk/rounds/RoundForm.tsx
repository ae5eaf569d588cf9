'use client';

import { useActionState, useState } from 'react';
import { saveRoundAction, type RoundFormState } from './actions';
import styles from '../desk.module.css';
import { InputField } from '@/components/staff/Field';

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
  /** Ukrainian title and description (empty: readers of /uk see the English). */
  title_uk?: string;
  description_uk?: string;
};

export function RoundForm({ id, initial, timeZone }: { id?: string; initial: Values; timeZone: string }) {
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
      <InputField id="r-title" label="Title" name="title" defaultValue={initial.title} maxLength={200} {...field('title')} />
      <InputField id="r-slug" label="Slug (optional)" name="slug" defaultValue={initial.slug} {...field('slug')} />
      <div className={styles.field}>
        <label htmlFor="r-description">Description</label>
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
      <div className={styles.field}>
        <label htmlFor="r-title-uk">Name in Ukrainian (optional)</label>
        <input id="r-title-uk" name="title_uk" lang="uk" className={styles.input} defaultValue={initial.title_uk ?? ''} maxLength={200} />
      </div>
      <div className={styles.field}>
        <label htmlFor="r-description-uk">Summary in Ukrainian (optional)</label>
        <textarea
          id="r-description-uk"
          name="description_uk"
          lang="uk"
          className={styles.input}
          rows={3}
          defaultValue={initial.description_uk ?? ''}
        />
      </div>
      <div className={styles.columns}>
        <InputField
          id="r-opens"
          label={`Opens at (${timeZone} time)`}
          type="datetime-local"
          name="opensAt"
          value={opensAt}
          onChange={(ev) => setOpensAt(ev.target.value)}
          {...field('opensAt')}
        />
        <InputField
          id="r-closes"
          label={`Closes at (${timeZone} time)`}
          type="datetime-local"
          name="closesAt"
          value={closesAt}
          onChange={(ev) => setClosesAt(ev.target.value)}
          {...field('closesAt')}
        />
        <InputField
          id="r-votes"
          label="Votes per patron (1–10)"
          type="number"
          min={1}
          max={10}
          name="votesPerPatron"
          defaultValue={initial.votesPerPatron}
          {...field('votesPerPatron')}
        />
        <InputField
          id="r-sugg"
          label="Suggestions per patron (0–10)"
          type="number"
          min={0}
          max={10}
          name="suggestionsPerPatron"
          defaultValue={initial.suggestionsPerPatron}
          {...field('suggestionsPerPatron')}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="r-vis">Results</label>
        <select id="r-vis" name="resultsVisibility" className={styles.select} defaultValue={initial.resultsVisibility}>
          <option value="LIVE">Live (counts visible while voting)</option>
          <option value="AFTER_CLOSE">After the round closes</option>
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
          Only patrons who joined before the round opened may vote
        </label>
        {err('joinedBeforeOpenOnly')}
      </div>
      <div className={styles.actions}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? 'Saving…' : id ? 'Save round' : 'Create draft round'}
        </button>
      </div>
    </form>
  );
}
