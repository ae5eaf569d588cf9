/** The cancellation forms (presentational: the pages decide what to show; /api/cancel does the work). */
import { CANCEL_REASONS } from '@/lib/retention/reasons';
import type { Offer } from '@/lib/retention/cancel';
import { formatMoney } from '@/lib/format/money';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

function Hidden({ fields }: { fields: Record<string, string | undefined> }) {
  return <>{Object.entries(fields).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}</>;
}

/** An offer's button in the reader's language (the English label is lib/retention's). */
function offerLabel(o: Offer, locale: Locale): string {
  const t = translator(locale, 'retention.forms');
  const amount = o.amount !== undefined && o.currency ? formatMoney(o.amount, o.currency, { locale }) : '';
  if (o.kind === 'pause' && o.months) return t('pause', { months: o.months });
  if (o.kind === 'lower' && amount) return t('lower', { amount, interval: o.interval ?? 'MONTH' });
  if (o.kind === 'yearly' && amount) return t('yearly', { amount });
  return o.label;
}

export function ReasonFields({ required, locale }: { required: boolean; locale: Locale }) {
  const t = translator(locale, 'retention');
  return (
    <>
      <fieldset className="cancel-reasons">
        <legend>{t('forms.why')}</legend>
        {Object.keys(CANCEL_REASONS).map((key) => (
          <label key={key} className="cancel-reasons__option">
            <input type="radio" name="reason" value={key} required={required} defaultChecked={!required && key === 'unspecified'} />{' '}
            {t(`reasons.${key as keyof typeof CANCEL_REASONS}`)}
          </label>
        ))}
      </fieldset>
      <p>
        <label htmlFor="cancel-detail">{t('forms.detail')}</label>
        <br />
        <textarea id="cancel-detail" name="detail" rows={3} maxLength={1000} />
      </p>
    </>
  );
}

export function ReasonForm({ hidden, locale }: { hidden: Record<string, string | undefined>; locale: Locale }) {
  const t = translator(locale, 'retention.forms');
  return (
    <form method="post" action="/api/cancel" data-testid="cancel-reason-form">
      <Hidden fields={{ ...hidden, step: 'reason', locale }} />
      <ReasonFields required locale={locale} />
      <button type="submit" className="button">
        {t('continue')}
      </button>
    </form>
  );
}

/** Offers (each its own button) and the plain cancel button, in one form. */
export function DecideForm({
  hidden,
  offers,
  endsAt,
  withReason,
  locale,
}: {
  hidden: Record<string, string | undefined>;
  offers: Offer[];
  endsAt: string;
  withReason: boolean;
  locale: Locale;
}) {
  const t = translator(locale, 'retention.forms');
  return (
    <form method="post" action="/api/cancel" data-testid="cancel-decide-form">
      <Hidden fields={{ ...hidden, step: 'decide', locale }} />
      {withReason ? <ReasonFields required={false} locale={locale} /> : null}
      {offers.length ? (
        <section aria-labelledby="offers-heading" className="cancel-offers">
          <h2 id="offers-heading">{t('beforeYouGo')}</h2>
          <p>{t('offersIntro')}</p>
          <ul>
            {offers.map((o) => (
              <li key={o.key}>
                <button type="submit" name="choice" value={o.key} className="button secondary">
                  {offerLabel(o, locale)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t('cancelHeading')}</h2>
      <p>{t.rich('cancelBody', { date: endsAt, strong: (c) => <strong>{c}</strong> })}</p>
      <button type="submit" name="choice" value="cancel" className="button">
        {t('cancelButton')}
      </button>
    </form>
  );
}
