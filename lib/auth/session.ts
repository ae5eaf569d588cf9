/** Who is signed in, and role checks for pages, server actions and route handlers. */
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { authOptions } from './options';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { hasRole, isRole, type Role } from './roles';

export type CurrentUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** The account's language (User.locale) as the session read it; absent where a caller built the user itself. */
  locale?: Locale;
};

type SessionLookup = () => Promise<unknown>;
let lookup: SessionLookup = () => getServerSession(authOptions);

/** Tests replace the session lookup (getServerSession needs a Next request). */
export function setSessionLookupForTesting(fn: SessionLookup | undefined): void {
  lookup = fn ?? (() => getServerSession(authOptions));
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = (await lookup()) as { user?: { id?: unknown; email?: unknown; name?: unknown; role?: unknown; locale?: unknown } } | null;
  const u = session?.user;
  if (!u || typeof u.id !== 'string' || typeof u.email !== 'string') return null;
  const user: CurrentUser = {
    id: u.id,
    email: u.email,
    name: typeof u.name === 'string' ? u.name : null,
    role: isRole(u.role) ? u.role : 'READER',
  };
  if (isLocale(u.locale)) user.locale = u.locale;
  return user;
}

export function signInPath(callbackUrl: string): string {
  return `/signin?${new URLSearchParams({ callbackUrl })}`;
}

/** `forbidden()` needs `experimental.authInterrupts`; without it we redirect to /forbidden. */
function denyAccess(): never {
  if (process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS) forbidden();
  redirect('/forbidden');
}

/**
 * For pages and server actions: returns the user when they have at least `minRole`. Anonymous
 * visitors are sent to /signin (and back to `callbackUrl` afterwards); signed-in users without the
 * role get a 403.
 */
export async function requireRole(minRole: Role, { callbackUrl }: { callbackUrl: string }): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(callbackUrl));
  if (!hasRole(user.role, minRole)) denyAccess();
  return user;
}

export type Authorized = { ok: true; user: CurrentUser } | { ok: false; response: Response };

/** For route handlers: 401 when signed out, 403 when the role is too low (JSON bodies, no-store). */
export async function authorizeRequest(minRole: Role): Promise<Authorized> {
  const user = await getCurrentUser();
  const headers = { 'Cache-Control': 'private, no-store' };
  if (!user) return { ok: false, response: Response.json({ error: 'Sign in to do this.' }, { status: 401, headers }) };
  if (!hasRole(user.role, minRole)) {
    return { ok: false, response: Response.json({ error: `This needs the ${minRole} role.` }, { status: 403, headers }) };
  }
  return { ok: true, user };
}
