/**
 * POST /api/account/supporter-wall (form or JSON: optIn, displayName): a patron adds their name to the
 * supporter wall (/supporters) or takes it off. Only patrons may opt in; anyone signed in may opt out.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { patronStatus } from '@/lib/billing/patron-status';
import { setWallEntry, wallSchema } from '@/lib/campaigns/campaigns';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (req) => {
    const user = await getCurrentUser();
    if (!user) return errorResponse(req, 401, 'Please sign in first.');
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    const parsed = wallSchema.safeParse(body);
    if (!parsed.success) return errorResponse(req, 400, parsed.error.issues[0]!.message);
    if (parsed.data.optIn) {
      if (!(await patronStatus(user.id)).isPatron) return errorResponse(req, 403, 'Only patrons can be on the supporter wall.');
      if (!parsed.data.displayName) return errorResponse(req, 400, 'Enter the name to show on the wall.');
    }
    await setWallEntry(user.id, { optIn: parsed.data.optIn, ...(parsed.data.displayName ? { displayName: parsed.data.displayName } : {}) });
    return isFormRequest(req)
      ? seeOther('/account#supporter-wall', req)
      : Response.json({ optIn: parsed.data.optIn }, { headers: NO_STORE });
  },
);
