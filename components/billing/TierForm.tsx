'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormState as TierFormState } from '@/lib/http/form-state';
import { minorToMajorString } from '@/lib/format/money';
import { TranslationFields } from '@/components/staff/TranslationFields';

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
  const t = useTranslations('desk.tiers.form');
  const [state, formAction, pending] = useActionState(action, { errors: {} });
  const e = state.errors;
  const aria = (n: string) => (e[n] ? { 'aria-invalid': true, 'aria-describedby': `${n}-error` } : {});
  const priceOf = (c: string, i: string) => tier?.prices.find((p) => p.currency === c && p.interval === i);
  return (
    <form action={formAction} noValidate>
      {state.message && <p role="alert">{state.message}</p>}
      {tier && <input type="hidden" name="id" value={tier.id} />}
      <Field name="name" label={t('name')} error={e.name}>
        <input id="name" name="name" defaultValue={tier?.name} required {...aria('name')} />
      </Field>
      <Field name="slug" label={t('slug')} error={e.slug}>
        <input id="slug" name="slug" defaultValue={tier?.slug} {...aria('slug')} />
      </Field>
      <Field name="description" label={t('description')} error={e.description}>
        <textarea id="description" name="description" defaultValue={tier?.description} {...aria('description')} />
      </Field>
      <TranslationFields
        idPrefix="tier"
        note="optional"
        translations={tier?.translations}
        fields={[
          { name: 'name', kind: 'name', maxLength: 80, error: e.translations },
          { name: 'description', kind: 'description', multiline: true },
        ]}
      />
      <Field name="perks" label={t('perks')} error={e.perks}>
        <textarea id="perks" name="perks" defaultValue={tier?.perks.join('\n')} {...aria('perks')} />
      </Field>
      <fieldset>
        <legend>
          {t('prices')}
          {e.prices ? ` — ${e.prices}` : ''}
        </legend>
        {currencies.flatMap((c) =>
          ['MONTH', 'YEAR'].map((i) => {
            const n = `prices.${c}.${i}`;
            const p = priceOf(c, i);
            return (
              <Field key={n} name={`price_${c}_${i}`} label={t('price', { currency: c.toUpperCase(), interval: i })} error={e[n]}>
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
          <input type="checkbox" name="payWhatYouWant" defaultChecked={tier?.payWhatYouWant} /> {t('payWhatYouWant')}
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" name="active" defaultChecked={tier?.active ?? true} /> {t('active')}
        </label>
      </p>
      <Field name="position" label={t('position')} error={e.position}>
        <input id="position" name="position" type="number" min={0} defaultValue={tier?.position ?? 0} {...aria('position')} />
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? t('saving') : t('save')}
      </button>
    </form>
  );
}
