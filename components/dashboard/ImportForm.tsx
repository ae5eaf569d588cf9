'use client';

/** Upload → dry run (the plan, nothing written) → apply (exactly that plan). Talks to /api/dashboard/members/import. */
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ImportResult, SaidImportPlan } from '@/lib/members/member-import';
import styles from './dashboard.module.css';

type State = { step: 'choose' } | { step: 'planned'; plan: SaidImportPlan; file: File } | { step: 'applied'; result: ImportResult };

/** The plan's change names (lib/members/member-import.ts) → catalogue keys. */
const CHANGE_KEYS: Record<string, 'name' | 'tier' | 'stripeCustomer'> = { name: 'name', tier: 'tier', 'stripe customer': 'stripeCustomer' };

export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations('dashboard.import');
  const [state, setState] = useState<State>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(file: File, mode: 'dry-run' | 'apply', digest?: string) {
    setError(null);
    if (file.size > maxBytes) {
      setError(t('form.tooLarge', { megabytes: maxBytes / 1024 / 1024 }));
      return;
    }
    setPending(true);
    try {
      const body = new FormData();
      body.set('file', file);
      body.set('mode', mode);
      if (digest) body.set('digest', digest);
      const res = await fetch('/api/dashboard/members/import', { method: 'POST', body });
      const json = (await res.json().catch(() => null)) as { error?: string; plan?: SaidImportPlan; result?: ImportResult } | null;
      if (!res.ok || !json) {
        setError(json?.error ?? t('form.failed', { status: res.status }));
        if (res.status === 409) setState({ step: 'choose' });
        return;
      }
      if (json.plan) setState({ step: 'planned', plan: json.plan, file });
      else if (json.result) setState({ step: 'applied', result: json.result });
    } catch {
      setError(t('form.offline'));
    } finally {
      setPending(false);
    }
  }

  const details = (r: SaidImportPlan['rows'][number]) => {
    if (r.action === 'error') return r.reasons.join(' ');
    if (!r.changes.length) return t('plan.nothing');
    const sets = r.changes
      .filter((c) => c !== 'new member')
      .map((c) => {
        const key = CHANGE_KEYS[c];
        return key ? t(`plan.changes.${key}`) : c;
      });
    return sets.length ? t('plan.sets', { fields: sets.join(', ') }) : t('plan.emailOnly');
  };

  return (
    <div>
      {error ? (
        <p className={styles.alert} role="alert">
          {error}
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const file = (new FormData(e.currentTarget).get('file') as File | null) ?? null;
          if (!file || file.size === 0) {
            setError(t('form.chooseFile'));
            return;
          }
          void send(file, 'dry-run');
        }}
        className={styles.toolbar}
      >
        <div className={styles.field}>
          <label htmlFor="import-file">{t('form.file')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className={styles.input}
            onChange={() => setState({ step: 'choose' })}
          />
        </div>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending && state.step === 'choose' ? t('form.checking') : t('form.dryRun')}
        </button>
      </form>

      {state.step === 'planned' ? (
        <section aria-labelledby="plan-title">
          <h2 id="plan-title">{t('plan.title')}</h2>
          <p role="status" data-testid="import-summary">
            {/* i18n-keys: dashboard.import.plan.summary dashboard.import.plan.summaryWithErrors */}
            {t(state.plan.counts.error ? 'plan.summaryWithErrors' : 'plan.summary', state.plan.counts)}
          </p>
          <table className={styles.table} data-testid="import-plan">
            <thead>
              <tr>
                <th scope="col">{t('plan.line')}</th>
                <th scope="col">{t('plan.email')}</th>
                <th scope="col">{t('plan.action')}</th>
                <th scope="col">{t('plan.details')}</th>
              </tr>
            </thead>
            <tbody>
              {state.plan.rows.map((r) => (
                <tr key={r.line} data-action={r.action}>
                  <td>{r.line}</td>
                  <td>{r.email || '—'}</td>
                  <td>{t(`plan.actions.${r.action}`)}</td>
                  <td>{details(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button
              type="button"
              className={styles.button}
              disabled={pending || state.plan.counts.create + state.plan.counts.update === 0}
              onClick={() => void send(state.file, 'apply', state.plan.digest)}
            >
              {pending ? t('plan.applying') : t('plan.apply', state.plan.counts)}
            </button>
          </p>
        </section>
      ) : null}

      {state.step === 'applied' ? (
        <p className={styles.success} role="status" data-testid="import-result">
          {t('applied', state.result)}
        </p>
      ) : null}
    </div>
  );
}
