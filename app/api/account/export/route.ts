/** GET /api/account/export: everything we hold about the signed-in reader, as a JSON attachment. */
import { exportMyData } from '@/lib/billing/account';
import { apiRoute } from '@/lib/http/api-route';
import { NO_STORE } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'READER' }, async ({ user }) => {
  const data = await exportMyData(user.id);
  if (!data) return Response.json({ error: 'Your account no longer exists.' }, { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="my-data-${day}.json"`,
    },
  });
});
