import { getDb } from '@/lib/db/client';
import { isBootstrapAdmin } from './roles';

/**
 * Promotes a user to ADMIN when their address is in ADMIN_EMAILS. Runs on user creation and on
 * every sign-in (so adding an address to ADMIN_EMAILS takes effect at the next sign-in).
 * Removing an address from the list does not demote anyone.
 */
export async function ensureBootstrapAdmin(user: { id?: string | null; email?: string | null }): Promise<boolean> {
  if (!user.id || !isBootstrapAdmin(user.email)) return false;
  const db = await getDb();
  const { count } = await db.user.updateMany({ where: { id: user.id, role: { not: 'ADMIN' } }, data: { role: 'ADMIN' } });
  return count > 0;
}
