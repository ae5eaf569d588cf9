import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Thank you for your gift', robots: { index: false } };

/** After paying for a gift (public: it shows nothing personal; the gift is confirmed by Stripe's webhook). */
export default function GiftThanksPage() {
  return (
    <div className="container account-page">
      <h1>Thank you for your gift</h1>
      <p role="status">Once your payment is confirmed, we email the recipient a link to redeem it on the delivery date you chose.</p>
      <p>
        <Link href="/">Back to the news</Link>
      </p>
    </div>
  );
}
