/** GET /r/<code>: a patron's personal referral link → /support with the code (an unknown code: /support without it). */
import { parseReferralCode, referralCodeExists, referralSupportPath } from '@/lib/referrals/referrals';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const code = parseReferralCode((await params).code);
  const target = code && (await referralCodeExists(code)) ? referralSupportPath(code) : '/support';
  return new Response(null, {
    status: 307,
    headers: { Location: new URL(target, req.url).toString(), 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
