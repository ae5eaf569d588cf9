/**
 * POST /api/newsletters/confirm  (form: token)  the button on /newsletters/confirm. The signed token is
 * the authority (no sign-in); opening the emailed link alone changes nothing (mail scanners open links).
 */
import { guarded } from '@/lib/http/guard';
import { readForm } from '@/lib/http/form-post';
import { confirmSubscription } from '@/lib/newsletters/subscriptions';
import { toPreferences } from '@/lib/newsletters/form-answer';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 }, async (request) => {
  const { form, locale } = await readForm(request);
  const done = await confirmSubscription(form?.get('token') ?? null);
  return toPreferences(request, locale, done && { token: done.manageToken, confirmed: '1' }, 'confirm.invalid');
});
