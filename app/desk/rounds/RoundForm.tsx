'use client';

import { useActionState, useState } from 'react';
import { saveRoundAction, type RoundFormState } from './actions';
import styles from '../desk.module.css';

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
  return (
    <form action={action} className={styles.form} noValidate>
      {state.message ? (
        <p className={styles.alert} role="alert">
          {state.message}
        </p>
      ) : null}
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <div className={styles.field}>
        <label htmlFor="r-title">Title</label>
        <input id="r-title" name="title" className={styles.input} defaultValue={initial.title} maxLength={200} {...inv('title')} />
        {err('title')}
      </div>
      <div className={styles.field}>
        <label htmlFor="r-slug">Slug (optional)</label>
        <input id="r-slug" name="slug" className={styles.input} defaultValue={initial.slug} {...inv('slug')} />
        {err('slug')}
      </div>
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
        <div className={styles.field}>
          <label htmlFor="r-opens">Opens at ({timeZone} time)</label>
          <input
            id="r-opens"
            type="datetime-local"
            name="opensAt"
            className={styles.input}
            value={opensAt}
            onChange={(ev) => setOpensAt(ev.target.value)}
            {...inv('opensAt')}
          />
          {err('opensAt')}
        </div>
        <div className={styles.field}>
          <label htmlFor="r-closes">Closes at ({timeZone} time)</label>
          <input
            id="r-closes"
            type="datetime-local"
            name="closesAt"
            className={styles.input}
            value={closesAt}
            onChange={(ev) => setClosesAt(ev.target.value)}
            {...inv('closesAt')}
          />
          {err('closesAt')}
        </div>
        <div className={styles.field}>
          <label htmlFor="r-votes">Votes per patron (1–10)</label>
          <input
            id="r-votes"
            type="number"
            min={1}
            max={10}
            name="votesPerPatron"
            className={styles.input}
            defaultValue={initial.votesPerPatron}
            {...inv('votesPerPatron')}
          />
          {err('votesPerPatron')}
        </div>
        <div className={styles.field}>
          <label htmlFor="r-sugg">Suggestions per patron (0–10)</label>
          <input
            id="r-sugg"
            type="number"
            min={0}
            max={10}
            name="suggestionsPerPatron"
            className={styles.input}
            defaultValue={initial.suggestionsPerPatron}
            {...inv('suggestionsPerPatron')}
          />
          {err('suggestionsPerPatron')}
        </div>
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
