'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { CampaignError, createCampaign } from '@/lib/campaigns/campaigns';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { translationsFromForm } from '@/lib/i18n/content';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

/** `values`: what was typed, given back after a refusal so the form shows it again (React empties forms after an action). */
export type CampaignFormState = { error?: string; message?: string; values?: Record<string, string>; version?: number };

const FIELDS = ['title', 'description', 'title_uk', 'description_uk', 'startsAt', 'endsAt', 'goalKind', 'goalValue', 'currency'] as const;

export async function createCampaignAction(prev: CampaignFormState, fd: FormData): Promise<CampaignFormState> {
  await requireRole('EDITOR', { callbackUrl: '/desk/campaigns' });
  const locale = await staffLocale();
  const version = (prev?.version ?? 0) + 1;
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
    if (err instanceof CampaignError) {
      const values = Object.fromEntries(FIELDS.map((k) => [k, String(fd.get(k) ?? '').slice(0, 600)]));
      return { error: errorMessageIn(err, locale), values, version };
    }
    throw err;
  }
  revalidatePath('/desk/campaigns');
  return { message: translator(locale, 'deskAudience.campaigns')('saved', { title: saved.title }), version };
}
