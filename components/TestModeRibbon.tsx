import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

/** Shown on every page while mail goes to the local outbox or payments to the local Stripe stand-in. */
export function TestModeRibbon({ mail, stripe, locale }: { mail: boolean; stripe: boolean; locale: Locale }) {
  const t = translator(locale, 'common.testMode');
  const parts = [stripe ? t('stripe') : null, mail ? t('mail') : null].filter(Boolean);
  return (
    <div className="test-mode-ribbon" role="note" data-testid="test-mode">
      <strong>{t('label')}</strong>: {parts.join('; ')}. {mail ? <Link href="/dev/mailbox">{t('openMailbox')}</Link> : null}
    </div>
  );
}
