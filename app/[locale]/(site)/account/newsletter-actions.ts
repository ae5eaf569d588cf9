'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { saveAccountChoices } from '@/lib/newsletters/subscriptions';
import { localePath, toLocale } from '@/lib/i18n/locales';

/** Saves the newsletters a signed-in reader ticked at /account (the rest are unsubscribed). */
export async function saveMyNewslettersAction(fd: FormData): Promise<void> {
  // The account page's language (the form's `locale` field): back to the same page.
  const account = localePath(toLocale(fd.get('locale')), '/account');
  const user = await getCurrentUser();
  if (!user) redirect(localePath(toLocale(fd.get('locale')), signInPath(account)));
  const ids = fd
    .getAll('newsletter')
    .filter((v): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(v))
    .slice(0, 50);
  await saveAccountChoices(user, ids);
  redirect(`${account}?newsletters=saved#newsletters`);
}
