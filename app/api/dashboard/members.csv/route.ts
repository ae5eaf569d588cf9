/** GET /api/dashboard/members.csv?<the members list's filters>: the filtered list as CSV (admins; bad filters: JSON 400). */
import { apiRoute } from '@/lib/http/api-route';
import { NO_STORE } from '@/lib/http/responses';
import { parseMemberQuery } from '@/lib/members/members';
import { membersCsvStream } from '@/lib/members/members-csv';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'ADMIN' }, ({ query }) => {
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(membersCsvStream(parseMemberQuery(query)), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="members-${stamp}.csv"`,
    },
  });
});
