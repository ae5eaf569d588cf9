/** Stripe webhooks: verify the signature on the raw body, then hand the event to lib/billing. */
import { getStripe, StripeNotConfiguredError, webhookSecret } from '@/lib/billing/stripe';
import { EventProcessingError, processEvent } from '@/lib/billing/webhooks/dispatch';
import { BodyTooLargeError, readBodyCapped } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'no-store' };

/** Stripe's events are a few KB; anything far larger is not from Stripe. Anonymous, so capped while read. */
const MAX_EVENT_BYTES = 512 * 1024;

export async function POST(req: Request): Promise<Response> {
  const signature = req.headers.get('stripe-signature');
  if (!signature) return Response.json({ error: 'Missing Stripe-Signature header.' }, { status: 400, headers: noStore });
  // Not behind the same-origin guard (Stripe is another origin): the signature on the raw body decides.
  let raw: string;
  try {
    raw = new TextDecoder().decode(await readBodyCapped(req, MAX_EVENT_BYTES));
  } catch (e) {
    if (e instanceof BodyTooLargeError) return Response.json({ error: e.message }, { status: 413, headers: noStore });
    return Response.json({ error: 'The request body could not be read.' }, { status: 400, headers: noStore });
  }
  let event;
  try {
    event = getStripe().webhooks.constructEvent(raw, signature, webhookSecret());
  } catch (e) {
    const message = e instanceof Error ? e.message : 'Invalid signature';
    const isConfig = e instanceof StripeNotConfiguredError;
    if (isConfig) {
      console.error('[stripe webhook]', message);
      return Response.json({ error: 'Webhooks are not configured.' }, { status: 500, headers: noStore });
    }
    return Response.json({ error: `Webhook signature verification failed: ${message}` }, { status: 400, headers: noStore });
  }
  try {
    const { outcome } = await processEvent(event);
    // Another delivery of this event is being handled right now: ask Stripe to retry, so the event
    // is not acknowledged before we know that handling succeeded.
    if (outcome === 'in-flight')
      return Response.json({ error: 'This event is being processed; retry later.' }, { status: 409, headers: noStore });
    return Response.json({ received: true, outcome }, { headers: noStore });
  } catch (e) {
    console.error('[stripe webhook]', e instanceof EventProcessingError ? e.message : e);
    return Response.json({ error: 'Event processing failed; Stripe will retry.' }, { status: 500, headers: noStore });
  }
}
