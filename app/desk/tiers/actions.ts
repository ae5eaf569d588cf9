'use server';
import { redirect } from 'next/navigation';
import { revalidateReaderPath } from '@/lib/articles/revalidate';
import { requireRole } from '@/lib/auth/session';
import { fieldErrorsIn } from '@/lib/errors/domain-error';
import type { FormState } from '@/lib/http/form-state';
import { createTier, syncTierToStripe, tierInputFromForm, TierValidationError, updateTier } from '@/lib/billing/tiers';
import { sayFields } from '@/lib/i18n/sentence';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

type TierFormState = FormState;

export async function saveTier(_prev: TierFormState, form: FormData): Promise<TierFormState> {
  const id = String(form.get('id') ?? '') || null;
  await requireRole('ADMIN', { callbackUrl: id ? `/desk/tiers/${id}` : '/desk/tiers/new' });
  const locale = await staffLocale();
  const t = await staffTranslator('desk.tiers.form');
  const { input, sentences } = tierInputFromForm(form);
  if (Object.keys(sentences).length) return { errors: sayFields(locale, sentences), message: t('fix') };
  let tierId: string;
  try {
    tierId = id ? (await updateTier(id, input)).id : (await createTier(input)).id;
  } catch (e) {
    if (e instanceof TierValidationError) return { errors: fieldErrorsIn(e, locale), message: t('fix') };
    throw e;
  }
  try {
    await syncTierToStripe(tierId);
  } catch (e) {
    console.error('[tiers] Stripe sync failed', e);
    return { errors: {}, message: t('stripeFailed') };
  }
  revalidateReaderPath('/support');
  redirect('/desk/tiers');
}
