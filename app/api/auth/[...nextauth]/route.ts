import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { signInLimitResponse } from '@/lib/auth/signin-limit';
import { guarded } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(authOptions) as (req: NextRequest, ctx: Ctx) => Promise<Response>;

export function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

/** Sign-in, sign-out and the client's log posts: forms of a few fields. Sign-in emails are limited first. */
export const POST = guarded<Ctx>(
  { accept: ['application/x-www-form-urlencoded', 'application/json'], maxBytes: 8 * 1024 },
  async (req, ctx) => {
    const [action, provider] = (await ctx.params).nextauth ?? [];
    if (action === 'signin' && provider === 'email') {
      const limited = await signInLimitResponse(req);
      if (limited) return limited;
    }
    return handler(req, ctx);
  },
);
