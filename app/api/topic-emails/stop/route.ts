/**
 * POST /api/topic-emails/stop?token=…  (or `token` in the form body): stops every topic-progress email
 * for the reader the signed token names. No sign-in: the token is the authority (lib/voting/follows.ts).
 * Used by the button on /topic-emails/stop and by mail clients' RFC 8058 one-click unsubscribe
 * (List-Unsubscribe-Post: List-Unsubscribe=One-Click, a form post from the mail provider's server).
 * A form post from our page is sent on to the confirmation; anything else gets JSON.
 */
import { oneClickStopRoutes } from '@/lib/http/one-click';
import { sentence } from '@/lib/i18n/sentence';
import { stopTopicEmails } from '@/lib/voting/follows';
import { localePath, toLocale } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

const routes = oneClickStopRoutes({
  stop: stopTopicEmails,
  invalid: sentence('voting.stop.invalid'),
  done: { stopped: true },
  pageFor: (token) => `/topic-emails/stop?${new URLSearchParams({ token })}`,
  // The page's form names its language (?locale=uk): the confirmation comes in the same language.
  afterForm: (request) => localePath(toLocale(new URL(request.url).searchParams.get('locale')), '/topic-emails/stop?stopped=1'),
});

export const POST = routes.POST;
export const GET = routes.GET;
