/** GET /api/account/export: everything we hold about the signed-in reader, as a JSON attachment. */
import { getCurrentUser } from '@/lib/auth/session';
import { exportMyData } from '@/lib/billing/account';
import { NO_STORE } from '@/lib/billing/http';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: 'Sign in to download your data.' }, { status: 401, headers: NO_STORE });
  const data = await exportMyData(user.id);
  if (!data) return Response.json({ error: 'Your account no longer exists.' }, { status: 404, headers: NO_STORE });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="my-data-${day}.json"`,
    },
  });
}
