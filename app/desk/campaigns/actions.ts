'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { campaignSchema, createCampaign } from '@/lib/campaigns/campaigns';

export type CampaignFormState = { error?: string; message?: string };

export async function createCampaignAction(_prev: CampaignFormState, fd: FormData): Promise<CampaignFormState> {
  await requireRole('EDITOR', { callbackUrl: '/desk/campaigns' });
  const input = {
    title: String(fd.get('title') ?? ''),
    description: String(fd.get('description') ?? ''),
    startsAt: String(fd.get('startsAt') ?? ''),
    endsAt: String(fd.get('endsAt') ?? ''),
    goalKind: String(fd.get('goalKind') ?? ''),
    goalValue: String(fd.get('goalValue') ?? ''),
    currency: String(fd.get('currency') ?? 'usd'),
  };
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  await createCampaign(parsed.data);
  revalidatePath('/desk/campaigns');
  return { message: `Campaign “${parsed.data.title}” saved.` };
}
