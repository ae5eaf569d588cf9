'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { CampaignError, createCampaign } from '@/lib/campaigns/campaigns';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { translationsFromForm } from '@/lib/i18n/content';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

export type CampaignFormState = { error?: string; message?: string };

export async function createCampaignAction(_prev: CampaignFormState, fd: FormData): Promise<CampaignFormState> {
  await requireRole('EDITOR', { callbackUrl: '/desk/campaigns' });
  const locale = await staffLocale();
  const input = {
    title: String(fd.get('title') ?? ''),
    description: String(fd.get('description') ?? ''),
    startsAt: String(fd.get('startsAt') ?? ''),
    endsAt: String(fd.get('endsAt') ?? ''),
    goalKind: String(fd.get('goalKind') ?? ''),
    goalValue: String(fd.get('goalValue') ?? ''),
    currency: String(fd.get('currency') ?? 'usd'),
    translations: translationsFromForm(fd, ['title', 'description']),
  };
  let saved: { title: string };
  try {
    saved = await createCampaign(input);
  } catch (err) {
    if (err instanceof CampaignError) return { error: errorMessageIn(err, locale) };
    throw err;
  }
  revalidatePath('/desk/campaigns');
  return { message: translator(locale, 'deskAudience.campaigns')('saved', { title: saved.title }) };
}
