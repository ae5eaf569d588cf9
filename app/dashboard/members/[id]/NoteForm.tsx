'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { addNoteAction, type NoteFormState } from './actions';
import styles from '@/components/dashboard/dashboard.module.css';

export function NoteForm({ memberId, max }: { memberId: string; max: number }) {
  const t = useTranslations('dashboard.notes');
  const [state, action, pending] = useActionState<NoteFormState, FormData>(addNoteAction.bind(null, memberId), { body: '' });
  return (
    <form action={action} noValidate>
      {state.message ? (
        <p className={styles.success} role="status">
          {state.message}
        </p>
      ) : null}
      <label htmlFor="note-body">{t('label')}</label>
      <textarea
        id="note-body"
        name="body"
        className={styles.textarea}
        defaultValue={state.body}
        key={state.message ?? 'draft'}
        maxLength={max}
        {...(state.error ? { 'aria-invalid': true, 'aria-describedby': 'note-error' } : {})}
      />
      {state.error ? (
        <p id="note-error" className={styles.alert} role="alert">
          {state.error}
        </p>
      ) : null}
      <p>
        <button type="submit" className={styles.button} disabled={pending}>
          {t('add')}
        </button>
      </p>
    </form>
  );
}
