'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import { suggestAction, type SuggestFormState } from './actions';
import styles from './topics.module.css';

type Labels = { topic: string; why: string; sending: string; submit: string; remaining: string };

export function SuggestForm({
  roundId,
  remaining,
  locale,
  labels,
}: {
  roundId: string;
  remaining: number;
  locale: string;
  labels: Labels;
}) {
  const [state, action, pending] = useActionState<SuggestFormState, FormData>(suggestAction, {
    ok: true,
    message: null,
    errors: {},
    values: { title: '', description: '' },
  });
  return (
    <form action={action} className={styles.form} key={state.ok && state.message ? 'sent' : 'form'}>
      <ErrorSummary errors={Object.entries(state.errors).map(([name, message]) => ({ field: `suggest-${name}`, message }))} />
      <input type="hidden" name="roundId" value={roundId} />
      <input type="hidden" name="locale" value={locale} />
      <label>
        {labels.topic}
        <input
          id="suggest-title"
          className={styles.input}
          name="title"
          required
          minLength={3}
          maxLength={150}
          defaultValue={state.values.title}
          aria-invalid={state.errors.title ? true : undefined}
        />
      </label>
      {state.errors.title ? <p className={styles.error}>{state.errors.title}</p> : null}
      <label>
        {labels.why}
        <textarea
          id="suggest-description"
          className={styles.input}
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={state.values.description}
        />
      </label>
      {state.errors.description ? <p className={styles.error}>{state.errors.description}</p> : null}
      <div>
        <button type="submit" className={styles.button} disabled={pending || remaining <= 0}>
          {pending ? labels.sending : labels.submit}
        </button>
      </div>
      <p role="status" aria-live="polite" className={state.ok ? styles.ok : styles.error}>
        {state.message ?? labels.remaining}
      </p>
    </form>
  );
}
