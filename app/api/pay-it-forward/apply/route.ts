/** POST /api/pay-it-forward/apply (form or JSON: reason): a signed-in reader asks for a membership funded by the pot. */
import { errorMessageIn } from '@/lib/errors/domain-error';
import { translator } from '@/lib/i18n/translator';
import { errorResponse, isFormRequest, NO_STORE, seeOther } from '@/lib/billing/http';
import { signedInPost } from '@/lib/http/form-post';
import { applyForMembership, PifError } from '@/lib/pif/pif';

export const dynamic = 'force-dynamic';

// The page's language (its `locale` field) answers.
export const POST = signedInPost(
  {
    maxBytes: 4096,
    path: '/pay-it-forward',
    signIn: (locale) => {
      const t = translator(locale, 'retention.pif');
      return { message: t('signInToApply'), label: t('signInLabel') };
    },
  },
  async ({ req, user, body, locale, page, here }) => {
    try {
      const app = await applyForMembership(user.id, body);
      return isFormRequest(req) ? seeOther(`${here}?applied=1`, req) : Response.json({ id: app.id }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof PifError)
        return errorResponse(
          req,
          e.status,
          errorMessageIn(e, locale),
          { href: here, label: translator(locale, 'retention.pif')('back') },
          {},
          page,
        );
      throw e;
    }
  },
);
