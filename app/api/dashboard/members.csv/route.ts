/** GET /api/dashboard/members.csv?<the members list's filters>: the filtered list as CSV (admins). */
import { authorizeRequest } from '@/lib/auth/session';
import { parseMemberQuery } from '@/lib/members/members';
import { membersCsvStream } from '@/lib/members/members-csv';
import { clientErrorOf, jsonError, NO_STORE, searchParamsOf } from '../http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest('ADMIN');
  if (!auth.ok) return auth.response;
  let query;
  try {
    query = parseMemberQuery(searchParamsOf(request));
  } catch (err) {
    const bad = clientErrorOf(err);
    if (bad) return jsonError(bad.status, bad.message);
    throw err;
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(membersCsvStream(query), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="members-${stamp}.csv"`,
    },
  });
}
