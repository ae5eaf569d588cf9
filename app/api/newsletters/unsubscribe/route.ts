/**
 * POST /api/newsletters/unsubscribe?token=…  RFC 8058 one-click unsubscribe: the address in every
 * newsletter's `List-Unsubscribe` header, with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 * Mail providers POST `List-Unsubscribe=One-Click` here from their servers, without cookies: the
 * signed token alone decides (it names one subscription). Idempotent.
 * GET (a client without one-click support opens the address) only shows the preferences page.
 */
import { oneClickStopRoutes } from '@/lib/http/one-click';
import { sentence } from '@/lib/i18n/sentence';
import { unsubscribeByToken } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

const routes = oneClickStopRoutes({
  stop: unsubscribeByToken,
  invalid: sentence('newsletters.unsubscribe.invalid'),
  done: { unsubscribed: true },
  pageFor: (token) => `/newsletters/preferences?${new URLSearchParams({ token })}`,
});

export const POST = routes.POST;
export const GET = routes.GET;
