/**
 * POST /api/me/locale  { "locale": "uk" }: the signed-in reader chose a language (the language
 * switcher): their account remembers it for emails (lib/auth/user-locale.ts). 204; 401 when signed out.
 */
import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { setUserLocale } from '@/lib/auth/user-locale';
import { LOCALES } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  locale: z.enum(LOCALES, { error: `locale must be one of ${LOCALES.join(', ')}` }),
});

export const POST = apiRoute({ role: 'READER', body: bodySchema, maxBytes: 256 }, async ({ user, body }) => {
  await setUserLocale(user.id, body.locale);
  return new Response(null, { status: 204 });
});
