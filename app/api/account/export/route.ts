/** GET /api/account/export: everything we hold about the signed-in reader, as a JSON attachment. */
import { exportMyData } from '@/lib/billing/account';
import { apiRoute } from '@/lib/http/api-route';
import { NO_STORE } from '@/lib/http/responses';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'READER' }, async ({ user, locale }) => {
  const data = await exportMyData(user.id);
  if (!data) {
    const language = await locale();
    const t = translator(language, 'account.errors');
    return Response.json({ error: t('gone') }, { status: 404 });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="my-data-${day}.json"`,
    },
  });
});
