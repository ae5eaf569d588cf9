'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { retryJobAction, type RetryJobState } from './actions';

export function RetryButton({ name, id }: { name: string; id: string }) {
  const t = useTranslations('desk.jobs');
  const [state, action, pending] = useActionState<RetryJobState, FormData>(retryJobAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending}>
        {pending ? t('retrying') : t('retry')}
      </button>
      <span role="status">{state.error ?? state.message ?? ''}</span>
    </form>
  );
}
