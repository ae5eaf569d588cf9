/**
 * POST /api/newsletters/preferences  (form: token, newsletter=<id> for each one ticked)  the
 * preferences page reached from every newsletter email, without signing in: the signed token names
 * the address. Unticked newsletters are unsubscribed; a ticked free one is confirmed at once.
 */
import { guarded } from '@/lib/http/guard';
import { readForm } from '@/lib/http/form-post';
import { savePreferences } from '@/lib/newsletters/subscriptions';
import { toPreferences } from '@/lib/newsletters/form-answer';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096 }, async (request) => {
  const { form, locale } = await readForm(request);
  const token = form?.get('token') ?? null;
  const ids = (form?.getAll('newsletter') ?? []).filter((v): v is string => typeof v === 'string').slice(0, 50);
  const saved = await savePreferences(token, ids);
  return toPreferences(request, locale, saved && { token: String(token), saved: '1' }, 'preferences.invalidPlain');
});
