/** Roles, in order of power. The one place that knows READER < EDITOR < ADMIN. */
export const ROLES = ['READER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `minRole`. Unknown or missing roles have no rights. */
export function hasRole(role: unknown, minRole: Role): boolean {
  if (!isRole(role)) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(minRole);
}

/** Addresses listed in ADMIN_EMAILS (comma-separated, case-insensitive). */
export function adminEmails(env: Record<string, string | undefined> = process.env): Set<string> {
  return new Set(
    (env.ADMIN_EMAILS ?? '')
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function isBootstrapAdmin(email: string | null | undefined, env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(email) && adminEmails(env).has(email!.trim().toLowerCase());
}
