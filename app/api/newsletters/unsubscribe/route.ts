/**
 * POST /api/newsletters/unsubscribe?token=…  RFC 8058 one-click unsubscribe: the address in every
 * newsletter's `List-Unsubscribe` header, with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 * Mail providers POST `List-Unsubscribe=One-Click` here from their servers, without cookies: the
 * signed token alone decides (it names one subscription). Idempotent.
 * GET (a client without one-click support opens the address) only shows the preferences page.
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, NO_STORE } from '@/lib/http/responses';
import { unsubscribeByToken } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

const INVALID =
  'This unsubscribe link is not valid. Copy the whole link from the email, or sign in and choose your newsletters on your account page.';

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
    if (!(await unsubscribeByToken(token))) return errorResponse(request, 400, INVALID, { href: '/', label: 'Go to the front page' });
    return Response.json({ ok: true, unsubscribed: true }, { headers: NO_STORE });
  },
);

export function GET(request: Request) {
  const token = (new URL(request.url).searchParams.get('token') ?? '').slice(0, 300);
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `/newsletters/preferences?${new URLSearchParams({ token })}` },
  });
}
