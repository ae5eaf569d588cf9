import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';

export const dynamic = 'force-dynamic';

const handler = NextAuth(authOptions) as (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

export function GET(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return handler(req, ctx);
}
export function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return handler(req, ctx);
}
