/** GET /api/dashboard/members?q=…&status=…&page=…: one page of the members list as JSON (admins). */
import { apiRoute } from '@/lib/http/api-route';
import { parseMemberQuery, searchMembers } from '@/lib/members/members';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'ADMIN' }, async ({ query }) => Response.json(await searchMembers(parseMemberQuery(query))));
