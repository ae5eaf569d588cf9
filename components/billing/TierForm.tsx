'use client';
import { useActionState } from 'react';
import type { FormState as TierFormState } from '@/lib/http/form-state';
import { minorToMajorString } from '@/lib/format/money';
import { localized } from '@/lib/i18n/content';

type Tier = {
  id: string;
  name: string;
  slug: string;
  description: string;
  perks: string[];
  payWhatYouWant: boolean;
  active: boolean;
  position: number;
  prices: { currency: string; interval: string; amount: number }[];
  /** Other languages' name/description (lib/i18n/content.ts). */
  translations?: unknown;
};

function Field({ name, label, error, children }: { name: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <p>
      <label htmlFor={name}>{label}</label>
      <br />
      {children}
      {error && (
        <span id={`${name}-error`} role="alert" style={{ color: '#a00', display: 'block' }}>
          {error}
        </span>
      )}
    </p>
  );
}

export function TierForm({
  action,
  tier,
  currencies,
}: {
  action: (s: TierFormState, f: FormData) => Promise<TierFormState>;
  tier?: Tier;
  currencies: string[];
}) {
  const [state, formAction, pending] = useActionState(action, { errors: {} });
  const e = state.errors;
  const aria = (n: string) => (e[n] ? { 'aria-invalid': true, 'aria-describedby': `${n}-error` } : {});
  const priceOf = (c: string, i: string) => tier?.prices.find((p) => p.currency === c && p.interval === i);
  return (
    <form action={formAction} noValidate>
      {state.message && <p role="alert">{state.message}</p>}
      {tier && <input type="hidden" name="id" value={tier.id} />}
      <Field name="name" label="Name" error={e.name}>
        <input id="name" name="name" defaultValue={tier?.name} required {...aria('name')} />
      </Field>
      <Field name="slug" label="Slug (optional)" error={e.slug}>
        <input id="slug" name="slug" defaultValue={tier?.slug} {...aria('slug')} />
      </Field>
      <Field name="description" label="Description" error={e.description}>
        <textarea id="description" name="description" defaultValue={tier?.description} {...aria('description')} />
      </Field>
      <Field name="name_uk" label="Name in Ukrainian (optional)" error={e.translations}>
        <input
          id="name_uk"
          name="name_uk"
          lang="uk"
          maxLength={80}
          defaultValue={tier ? localized(tier.translations, 'uk', 'name', '') : ''}
        />
      </Field>
      <Field name="description_uk" label="Description in Ukrainian (optional)">
        <textarea
          id="description_uk"
          name="description_uk"
          lang="uk"
          defaultValue={tier ? localized(tier.translations, 'uk', 'description', '') : ''}
        />
      </Field>
      <Field name="perks" label="Perks (one a line)" error={e.perks}>
        <textarea id="perks" name="perks" defaultValue={tier?.perks.join('\n')} {...aria('perks')} />
      </Field>
      <fieldset>
        <legend>Prices (leave blank to not offer){e.prices ? ` — ${e.prices}` : ''}</legend>
        {currencies.flatMap((c) =>
          ['MONTH', 'YEAR'].map((i) => {
            const n = `prices.${c}.${i}`;
            const p = priceOf(c, i);
            return (
              <Field key={n} name={`price_${c}_${i}`} label={`${c.toUpperCase()} ${i === 'MONTH' ? 'monthly' : 'yearly'}`} error={e[n]}>
                <input
                  id={`price_${c}_${i}`}
                  name={`price_${c}_${i}`}
                  inputMode="decimal"
                  defaultValue={p ? minorToMajorString(p.amount) : ''}
                  {...(e[n] ? { 'aria-invalid': true, 'aria-describedby': `price_${c}_${i}-error` } : {})}
                />
              </Field>
            );
          }),
        )}
      </fieldset>
      <p>
        <label>
          <input type="checkbox" name="payWhatYouWant" defaultChecked={tier?.payWhatYouWant} /> Pay what you want (prices are minimums)
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" name="active" defaultChecked={tier?.active ?? true} /> Offered (unchecked = archived)
        </label>
      </p>
      <Field name="position" label="Order" error={e.position}>
        <input id="position" name="position" type="number" min={0} defaultValue={tier?.position ?? 0} {...aria('position')} />
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save tier'}
      </button>
    </form>
  );
}
