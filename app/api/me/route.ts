import { getCurrentUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** Who is signed in, for client-side personalisation of otherwise static pages. */
export async function GET() {
  const user = await getCurrentUser();
  return Response.json(
    { user: user ? { email: user.email, name: user.name, role: user.role } : null },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}
