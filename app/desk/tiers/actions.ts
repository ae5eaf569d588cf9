'use server';
import { redirect } from 'next/navigation';
import { revalidateReaderPath } from '@/lib/articles/revalidate';
import { requireRole } from '@/lib/auth/session';
import type { FormState } from '@/lib/http/form-state';
import { createTier, syncTierToStripe, tierInputFromForm, TierValidationError, updateTier } from '@/lib/billing/tiers';

type TierFormState = FormState;

export async function saveTier(_prev: TierFormState, form: FormData): Promise<TierFormState> {
  const id = String(form.get('id') ?? '') || null;
  await requireRole('ADMIN', { callbackUrl: id ? `/desk/tiers/${id}` : '/desk/tiers/new' });
  const { input, errors } = tierInputFromForm(form);
  if (Object.keys(errors).length) return { errors, message: 'Please fix the highlighted fields.' };
  let tierId: string;
  try {
    tierId = id ? (await updateTier(id, input)).id : (await createTier(input)).id;
  } catch (e) {
    if (e instanceof TierValidationError) return { errors: e.fieldErrors, message: 'Please fix the highlighted fields.' };
    throw e;
  }
  try {
    await syncTierToStripe(tierId);
  } catch (e) {
    console.error('[tiers] Stripe sync failed', e);
    return { errors: {}, message: 'Saved, but Stripe could not be reached: the tier is not offered until you save it again.' };
  }
  revalidateReaderPath('/support');
  redirect('/desk/tiers');
}
