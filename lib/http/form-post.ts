/**
 * Form-or-JSON posts from a signed-in reader, answered in the reader's language: the page's `locale`
 * field picks the language of the error page and of the way back; a signed-out reader is sent to sign in.
 */
import type { NextRequest } from 'next/server';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import { readBody } from '@/lib/billing/http';
import { localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { guarded, type GuardOptions } from './guard';
import { requestLocale } from './request-locale';
import { errorResponse } from './responses';

/** The error page's language and heading. */
export type ErrorPage = { lang: string; heading: string };

/** The error page in the reader's language. */
export function errorPageIn(locale: Locale): ErrorPage {
  return { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
}

export type SignedInPost = {
  req: NextRequest;
  user: CurrentUser;
  body: Record<string, unknown>;
  locale: Locale;
  page: ErrorPage;
  /** The form's page in the reader's language (`path` of the options). */
  here: string;
};

export type SignedInPostOptions = Omit<GuardOptions, 'accept'> & {
  /** JSON or a form unless told. */
  accept?: GuardOptions['accept'];
  /** The form's page (without the language prefix): sign-in comes back to it. */
  path: string;
  /** The 401 sentence and the sign-in link's label, in the reader's language. */
  signIn: (locale: Locale) => { message: string; label: string };
};

/** A guarded POST (form or JSON) that needs a signed-in reader and a readable body before `handler` runs. */
export function signedInPost(opts: SignedInPostOptions, handler: (post: SignedInPost) => Promise<Response>) {
  const { path, signIn, accept = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], ...guard } = opts;
  return guarded({ ...guard, accept }, async (req) => {
    const user = await getCurrentUser();
    const body = await readBody(req);
    const locale = toLocale(body?.locale);
    const page = errorPageIn(locale);
    const here = localePath(locale, path);
    if (!user) {
      const { message, label } = signIn(locale);
      const href = localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: here })}`);
      return errorResponse(req, 401, message, { href, label }, {}, page);
    }
    // i18n-keys: common.api.bodyForm
    if (!body) return errorResponse(req, 400, translator(await requestLocale(req, user), 'common.api')('bodyForm'), undefined, {}, page);
    return handler({ req, user, body, locale, page, here });
  });
}

/** A plain form post's fields (null when the form can't be read) and the reader's language (its `locale` field). */
export async function readForm(req: Request): Promise<{ form: FormData | null; locale: Locale }> {
  try {
    const form = await req.formData();
    return { form, locale: toLocale(form.get('locale')) };
  } catch {
    return { form: null, locale: toLocale(null) };
  }
}
