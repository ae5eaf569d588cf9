/**
 * The reader's language on their account (User.locale): emails and other things said to a signed-in
 * reader outside a page use it. It is set at sign-in from the language the reader signed in from (the
 * LOCALE_COOKIE the sign-in forms and the language switcher set) and by the language switcher itself
 * (POST /api/me/locale).
 */
import { getDb } from '@/lib/db/client';
import { isLocale, LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/locales';

export async function setUserLocale(userId: string, locale: Locale): Promise<void> {
  const db = await getDb();
  await db.user.updateMany({ where: { id: userId, NOT: { locale } }, data: { locale } });
}

export async function userLocale(userId: string): Promise<Locale> {
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return toLocale(row?.locale);
}

/**
 * At sign-in (next-auth's signIn event, inside the callback request): remember the language the reader
 * signed in from. Outside a request (tests calling next-auth's core directly) there is nothing to read.
 */
export async function rememberSignInLocale(userId: string): Promise<void> {
  let locale: Locale | null = null;
  try {
    const { cookies } = await import('next/headers');
    const value = (await cookies()).get(LOCALE_COOKIE)?.value;
    locale = isLocale(value) ? value : null;
  } catch {
    return;
  }
  if (locale) await setUserLocale(userId, locale);
}
