import { getDb } from '@/lib/db/client';
import { isBootstrapAdmin } from './roles';

/**
 * Keeps the user's role in step with ADMIN_EMAILS. Runs on user creation and on every sign-in, so a
 * change to the list takes effect at the user's next sign-in:
 * - a listed address becomes ADMIN (the role it had is kept in `listPromotedFrom`);
 * - an admin the list made, whose address is no longer listed, goes back to that role.
 * Admins made any other way (listPromotedFrom null) are left alone. Returns the change made, if any.
 */
export async function ensureBootstrapAdmin(user: { id?: string | null; email?: string | null }): Promise<'promoted' | 'demoted' | null> {
  if (!user.id) return null;
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: user.id }, select: { email: true, role: true, listPromotedFrom: true } });
  if (!row) return null;
  if (isBootstrapAdmin(row.email)) {
    if (row.role === 'ADMIN') return null;
    // Only if nobody changed the role meanwhile (the guard on `role`).
    const { count } = await db.user.updateMany({
      where: { id: user.id, role: row.role },
      data: { role: 'ADMIN', listPromotedFrom: row.role },
    });
    return count > 0 ? 'promoted' : null;
  }
  if (row.role !== 'ADMIN' || !row.listPromotedFrom) return null;
  const { count } = await db.user.updateMany({
    where: { id: user.id, role: 'ADMIN', listPromotedFrom: row.listPromotedFrom },
    data: { role: row.listPromotedFrom, listPromotedFrom: null },
  });
  return count > 0 ? 'demoted' : null;
}
