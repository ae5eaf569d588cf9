/**
 * The language of the staff areas (/desk, /dashboard) and of what staff are told by their actions.
 * Staff pages are dynamic and signed in, so, unlike reader pages, they read it per request: the
 * language switcher's cookie (this browser's latest choice), else the staff member's account
 * (User.locale, also what their emails use), else English.
 */
import { cache } from 'react';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getCurrentUser } from '@/lib/auth/session';
import { userLocale } from '@/lib/auth/user-locale';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from './locales';
import { translator, type Namespace } from './translator';
import { say, sentence, type MessageKey } from './sentence';

export const staffLocale = cache(async (): Promise<Locale> => {
  let chosen: string | undefined;
  try {
    chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  } catch {
    // Outside a request (tests calling a page or an action directly) there is no cookie to read.
  }
  if (isLocale(chosen)) return chosen;
  const user = await getCurrentUser();
  return user ? userLocale(user.id) : DEFAULT_LOCALE;
});

/** `translator(await staffLocale(), namespace)`: for staff pages, server components and actions. */
export async function staffTranslator<N extends Namespace>(namespace: N) {
  return translator(await staffLocale(), namespace);
}

/** A staff page's metadata, its title in the staff member's language: `export const generateMetadata = staffTitle('desk.team.title')`. */
export function staffTitle(key: MessageKey): () => Promise<Metadata> {
  return async () => ({ title: say(await staffLocale(), sentence(key)) });
}
