/** GET /api/dashboard/members?q=…&status=…&page=…: one page of the members list as JSON (admins). */
import { authorizeRequest } from '@/lib/auth/session';
import { parseMemberQuery, searchMembers } from '@/lib/members/members';
import { clientErrorOf, jsonError, NO_STORE, searchParamsOf } from '../http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest('ADMIN');
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await searchMembers(parseMemberQuery(searchParamsOf(request))), { headers: NO_STORE });
  } catch (err) {
    const bad = clientErrorOf(err);
    if (bad) return jsonError(bad.status, bad.message);
    throw err;
  }
}
