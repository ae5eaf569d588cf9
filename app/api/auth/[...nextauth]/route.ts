import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { signInFields, signInLimitResponse } from '@/lib/auth/signin-limit';
import { localizeSignInRedirect, signInRequestLocale } from '@/lib/auth/signin-redirect';
import { guarded } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(authOptions) as (req: NextRequest, ctx: Ctx) => Promise<Response>;

/** next-auth's redirects to its pages (/signin/check-email, /signin?error=…) in the language the sign-in was asked in. */
export async function GET(req: NextRequest, ctx: Ctx) {
  return localizeSignInRedirect(await handler(req, ctx), signInRequestLocale(req));
}

/**
 * Sign-in, sign-out and the client's log posts: forms of a few fields. Sign-in emails are limited first;
 * next-auth's redirects land on the sign-in pages in the reader's language (/uk/signin/check-email).
 */
export const POST = guarded<Ctx>(
  { accept: ['application/x-www-form-urlencoded', 'application/json'], maxBytes: 8 * 1024 },
  async (req, ctx) => {
    const [action, provider] = (await ctx.params).nextauth ?? [];
    if (action === 'signin' && provider === 'email') {
      const limited = await signInLimitResponse(req);
      if (limited) return limited;
    }
    const locale = signInRequestLocale(req, await signInFields(req));
    return localizeSignInRedirect(await handler(req, ctx), locale);
  },
);
