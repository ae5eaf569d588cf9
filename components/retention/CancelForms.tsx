/** The cancellation forms (presentational: the pages decide what to show; /api/cancel does the work). */
import { CANCEL_REASONS } from '@/lib/retention/reasons';
import type { Offer } from '@/lib/retention/cancel';

function Hidden({ fields }: { fields: Record<string, string | undefined> }) {
  return <>{Object.entries(fields).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}</>;
}

export function ReasonFields({ required }: { required: boolean }) {
  return (
    <>
      <fieldset className="cancel-reasons">
        <legend>Why are you leaving?</legend>
        {Object.entries(CANCEL_REASONS).map(([key, r]) => (
          <label key={key} className="cancel-reasons__option">
            <input type="radio" name="reason" value={key} required={required} defaultChecked={!required && key === 'unspecified'} />{' '}
            {r.label}
          </label>
        ))}
      </fieldset>
      <p>
        <label htmlFor="cancel-detail">Anything you would like to tell us? (optional)</label>
        <br />
        <textarea id="cancel-detail" name="detail" rows={3} maxLength={1000} />
      </p>
    </>
  );
}

export function ReasonForm({ hidden }: { hidden: Record<string, string | undefined> }) {
  return (
    <form method="post" action="/api/cancel" data-testid="cancel-reason-form">
      <Hidden fields={{ ...hidden, step: 'reason' }} />
      <ReasonFields required />
      <button type="submit" className="button">
        Continue
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
}: {
  hidden: Record<string, string | undefined>;
  offers: Offer[];
  endsAt: string;
  withReason: boolean;
}) {
  return (
    <form method="post" action="/api/cancel" data-testid="cancel-decide-form">
      <Hidden fields={{ ...hidden, step: 'decide' }} />
      {withReason ? <ReasonFields required={false} /> : null}
      {offers.length ? (
        <section aria-labelledby="offers-heading" className="cancel-offers">
          <h2 id="offers-heading">Before you go</h2>
          <p>You can keep supporting our reporting in a way that suits you better:</p>
          <ul>
            {offers.map((o) => (
              <li key={o.key}>
                <button type="submit" name="choice" value={o.key} className="button secondary">
                  {o.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>Cancel</h2>
      <p>
        Your membership stays active until <strong>{endsAt}</strong>, then ends. You will not be charged again. We will email you a
        confirmation.
      </p>
      <button type="submit" name="choice" value="cancel" className="button">
        Cancel my membership
      </button>
    </form>
  );
}
