'use server';

import { revalidateReaderPath } from '@/lib/articles/revalidate';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { deleteSpendingEntry, saveSpendingEntry, SpendingError } from '@/lib/transparency/spending';
import { errorMessageIn, fieldErrorsIn } from '@/lib/errors/domain-error';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

/** `values`: what was typed, given back after a refusal so the form shows it again (React resets forms after an action). */
export type SpendingFormState = {
  errors: Record<string, string>;
  message: string | null;
  saved?: boolean;
  values?: Record<string, string>;
  version?: number;
};

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : undefined;
};

export async function saveSpendingAction(prev: SpendingFormState, fd: FormData): Promise<SpendingFormState> {
  const user = await requireRole('EDITOR', { callbackUrl: '/desk/spending' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.spending.outcomes');
  const version = (prev?.version ?? 0) + 1;
  const values = { quarter: str(fd, 'quarter') ?? '', category: str(fd, 'category') ?? '', amount: (str(fd, 'amount') ?? '').slice(0, 40) };
  try {
    await saveSpendingEntry(user, {
      quarter: str(fd, 'quarter'),
      category: str(fd, 'category'),
      amount: str(fd, 'amount'),
      currency: str(fd, 'currency') || undefined,
    });
  } catch (err) {
    if (err instanceof SpendingError) return { errors: fieldErrorsIn(err, locale), message: errorMessageIn(err, locale), values, version };
    throw err;
  }
  revalidateReaderPath('/transparency');
  revalidatePath('/desk/spending');
  return {
    errors: {},
    message: t('saved'),
    saved: true,
    values: { quarter: values.quarter, category: values.category, amount: '' },
    version,
  };
}

export async function deleteSpendingAction(fd: FormData): Promise<void> {
  const user = await requireRole('EDITOR', { callbackUrl: '/desk/spending' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.spending.outcomes');
  let q: Record<string, string>;
  try {
    await deleteSpendingEntry(user, str(fd, 'id'));
    q = { done: t('deleted') };
    revalidateReaderPath('/transparency');
  } catch (err) {
    if (!(err instanceof SpendingError)) throw err;
    q = { failed: errorMessageIn(err, locale) };
  }
  redirect(`/desk/spending?${new URLSearchParams(q)}`);
}
