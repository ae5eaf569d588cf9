/**
 * POST /api/topic-emails/stop?token=…  (or `token` in the form body): stops every topic-progress email
 * for the reader the signed token names. No sign-in: the token is the authority (lib/voting/follows.ts).
 * Used by the button on /topic-emails/stop and by mail clients' RFC 8058 one-click unsubscribe
 * (List-Unsubscribe-Post: List-Unsubscribe=One-Click, a form post from the mail provider's server).
 * A form post from our page is sent on to the confirmation; anything else gets JSON.
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, isFormRequest, NO_STORE } from '@/lib/http/responses';
import { stopTopicEmails } from '@/lib/voting/follows';

export const dynamic = 'force-dynamic';

const INVALID = 'This stop link is not valid. Copy the whole link from the email, or sign in and unfollow topics on their pages.';

export const POST = guarded(
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
    if (!(await stopTopicEmails(token))) return errorResponse(request, 400, INVALID, { href: '/', label: 'Go to the home page' });
    // Mail clients' one-click posts carry `List-Unsubscribe=One-Click`; our page's form does not.
    if (isFormRequest(request) && !request.url.includes('token=')) {
      return new Response(null, { status: 303, headers: { ...NO_STORE, Location: '/topic-emails/stop?stopped=1' } });
    }
    return Response.json({ ok: true, stopped: true }, { headers: NO_STORE });
  },
);

/** A mail client without one-click support opens the List-Unsubscribe address: show the page with the button (a GET changes nothing). */
export function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const to = `/topic-emails/stop?${new URLSearchParams({ token: token.slice(0, 300) })}`;
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: to } });
}
