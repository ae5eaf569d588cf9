'use client';

import { useActionState } from 'react';
import { voteAction, type VoteFormState } from './actions';
import styles from './topics.module.css';

type Props = {
  topicId: string;
  intent: 'cast' | 'withdraw' | 'pick' | 'unpick';
  label: string;
  back: string;
  disabled?: boolean;
  topicTitle: string;
  /** The page's language: the action answers in it. */
  locale: string;
  labels: { pending: string };
};

/** One topic's vote / withdraw / pick button; the message (or refusal) shows beside it. */
export function VoteButton({ topicId, intent, label, back, disabled, topicTitle, locale, labels }: Props) {
  const [state, action, pending] = useActionState<VoteFormState, FormData>(voteAction, { ok: true, message: null });
  const primary = intent === 'cast' || intent === 'pick';
  return (
    <form action={action}>
      <input type="hidden" name="topicId" value={topicId} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="locale" value={locale} />
      <button
        type="submit"
        className={primary ? styles.button : styles.secondary}
        disabled={pending || disabled}
        aria-label={`${pending ? labels.pending : label}: ${topicTitle}`}
      >
        {pending ? labels.pending : label}
      </button>
      <p role="status" aria-live="polite" className={state.ok ? styles.ok : styles.error}>
        {state.message}
      </p>
    </form>
  );
}
