'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { CancelError, resumePause } from '@/lib/retention/cancel';
import { localePath, toLocale } from '@/lib/i18n/locales';

/** Ends the signed-in patron's pause now (/account, "Resume my membership now"): Stripe collects again, they vote again. */
export async function resumePauseAction(fd?: FormData): Promise<void> {
  const locale = toLocale(fd?.get('locale'));
  const account = localePath(locale, '/account');
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(account));
  try {
    await resumePause(user.id);
  } catch (e) {
    if (e instanceof CancelError) redirect(`${account}?error=not-paused#membership`);
    throw e;
  }
  redirect(`${account}?resumed=1#membership`);
}
