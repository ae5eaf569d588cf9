/**
 * RFC 8058 one-click stop links (a newsletter's unsubscribe, topic-progress emails' stop): the address
 * in an email's `List-Unsubscribe` header, with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 * Mail providers POST there from their servers without cookies, so the signed token (in the query, or
 * in the form of our own confirmation page) is the only authority. A GET changes nothing: it shows the
 * page with the button.
 */
import { isLocale, localePath } from '@/lib/i18n/locales';
import { say, sentence, type Sentence } from '@/lib/i18n/sentence';
import { guarded } from './guard';
import { requestLocale } from './request-locale';
import { errorResponse, isFormRequest, NO_STORE } from './responses';

export type OneClickStop = {
  /** Applies the token; false when it is not valid (idempotent when it is). */
  stop: (token: unknown) => Promise<boolean>;
  /** The sentence for a token that is not valid (said in the language of our page's form, else the request's). */
  invalid: Sentence;
  /** The JSON answer after a stop (mail providers, scripts). */
  done: Record<string, unknown>;
  /** Where a GET (a client without one-click support) is sent, with the token. */
  pageFor: (token: string) => string;
  /** Where our own page's form post lands after a stop (its token is in the form, not the query); JSON when absent. */
  afterForm?: string | ((request: Request) => string);
};

const location = (to: string) => new Response(null, { status: 303, headers: { ...NO_STORE, Location: to } });

export function oneClickStopRoutes(o: OneClickStop) {
  const POST = guarded(
    { accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048, allowEmpty: true },
    async (request) => {
      let token: unknown = new URL(request.url).searchParams.get('token');
      if (!token && request.headers.get('content-type')) {
        try {
          token = (await request.formData()).get('token');
        } catch {
          token = null;
        }
      }
      if (!(await o.stop(token))) {
        // Our page's form names its language (?locale=uk); a mail provider's post has no cookie: English.
        const named = new URL(request.url).searchParams.get('locale');
        const locale = isLocale(named) ? named : await requestLocale(request, null);
        return errorResponse(request, 400, say(locale, o.invalid), {
          href: localePath(locale, '/'),
          label: say(locale, sentence('common.notFound.home')),
        });
      }
      if (o.afterForm && isFormRequest(request) && !request.url.includes('token='))
        return location(typeof o.afterForm === 'function' ? o.afterForm(request) : o.afterForm);
      return Response.json({ ok: true, ...o.done }, { headers: NO_STORE });
    },
  );
  const GET = (request: Request) => location(o.pageFor((new URL(request.url).searchParams.get('token') ?? '').slice(0, 300)));
  return { POST, GET };
}
