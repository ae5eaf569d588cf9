'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { teamAction, type TeamFormState } from './actions';
import styles from '../desk.module.css';

export function TeamForm() {
  const t = useTranslations('desk.team.form');
  const [state, action, pending] = useActionState<TeamFormState, FormData>(teamAction, { email: '' });
  return (
    <form action={action} className={styles.form} noValidate style={{ maxWidth: 520 }}>
      {state.message ? (
        <p className={styles.success} role="status">
          {state.message}
        </p>
      ) : null}
      <div className={styles.field}>
        <label htmlFor="team-email">{t('email')}</label>
        <input
          id="team-email"
          name="email"
          type="email"
          className={styles.input}
          defaultValue={state.email}
          {...(state.error ? { 'aria-invalid': true, 'aria-describedby': 'team-email-error' } : {})}
        />
        {state.error ? (
          <p id="team-email-error" className={styles.error} role="alert">
            {state.error}
          </p>
        ) : null}
      </div>
      <div className={styles.actions}>
        <button type="submit" name="op" value="grant" className={styles.button} disabled={pending}>
          {t('grant')}
        </button>
        <button type="submit" name="op" value="revoke" className={styles.danger} disabled={pending}>
          {t('revoke')}
        </button>
        <button type="submit" name="op" value="demote" className={styles.danger} disabled={pending}>
          {t('demote')}
        </button>
      </div>
    </form>
  );
}
