/**
 * POST /api/account/delete (form or JSON, field `confirm` = "DELETE"): cancels live subscriptions in
 * Stripe, deletes the account (database sessions go with it) and clears the session cookie.
 * Form → 303 to /account/deleted; JSON → { deleted: true, canceledSubscriptions }.
 */
import { z } from 'zod';
import { deleteMyAccount } from '@/lib/billing/account';
import { errorResponse, isFormRequest, NO_STORE, seeOther } from '@/lib/billing/http';
import { signedInPost } from '@/lib/http/form-post';
import { localePath } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

const bodySchema = z.object(
  {
    confirm: z
      .string()
      .trim()
      .pipe(z.literal('DELETE', { error: 'Type DELETE to confirm.' })),
  },
  { error: 'Type DELETE to confirm.' },
);

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

// Cross-site posts are refused by the guard (lib/http/guard.ts) before anything is read; the account
// page's language (its `locale` field) answers.
export const POST = signedInPost(
  {
    maxBytes: 4096,
    path: '/account',
    signIn: (locale) => {
      const t = translator(locale, 'account.errors');
      return { message: t('signInToDelete'), label: t('signIn') };
    },
  },
  async ({ req, user, body, locale, page, here: account }) => {
    const t = translator(locale, 'account.errors');
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) {
      if (isFormRequest(req)) return seeOther(`${account}?error=delete-confirm#delete-heading`, req);
      return errorResponse(req, 400, t('typeDelete'));
    }
    let canceledSubscriptions: string[];
    try {
      ({ canceledSubscriptions } = await deleteMyAccount(user.id));
    } catch (e) {
      console.error('[account delete]', e);
      return errorResponse(req, 502, t('deleteProvider'), { href: account, label: t('backToAccount') }, {}, page);
    }
    const res = isFormRequest(req)
      ? seeOther(localePath(locale, '/account/deleted'), req)
      : Response.json({ deleted: true, canceledSubscriptions }, { headers: NO_STORE });
    for (const name of SESSION_COOKIES) {
      res.headers.append(
        'Set-Cookie',
        `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`,
      );
    }
    return res;
  },
);
