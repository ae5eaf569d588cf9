'use client';

/** Upload → dry run (the plan, nothing written) → apply (exactly that plan). Talks to /api/dashboard/members/import. */
import { useState } from 'react';
import type { ImportPlan, ImportResult } from '@/lib/members/member-import';
import styles from './dashboard.module.css';

type State = { step: 'choose' } | { step: 'planned'; plan: ImportPlan; file: File } | { step: 'applied'; result: ImportResult };

const ACTION_LABEL = { create: 'Create', update: 'Update', unchanged: 'Unchanged', error: 'Error (skipped)' } as const;

export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const [state, setState] = useState<State>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(file: File, mode: 'dry-run' | 'apply', digest?: string) {
    setError(null);
    if (file.size > maxBytes) {
      setError(`The file is larger than ${maxBytes / 1024 / 1024} MB. Split it into smaller files.`);
      return;
    }
    setPending(true);
    try {
      const body = new FormData();
      body.set('file', file);
      body.set('mode', mode);
      if (digest) body.set('digest', digest);
      const res = await fetch('/api/dashboard/members/import', { method: 'POST', body });
      const json = (await res.json().catch(() => null)) as { error?: string; plan?: ImportPlan; result?: ImportResult } | null;
      if (!res.ok || !json) {
        setError(json?.error ?? `The import failed (HTTP ${res.status}). Please try again.`);
        if (res.status === 409) setState({ step: 'choose' });
        return;
      }
      if (json.plan) setState({ step: 'planned', plan: json.plan, file });
      else if (json.result) setState({ step: 'applied', result: json.result });
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

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
            setError('Choose a CSV file to import.');
            return;
          }
          void send(file, 'dry-run');
        }}
        className={styles.toolbar}
      >
        <div className={styles.field}>
          <label htmlFor="import-file">CSV file</label>
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
          {pending && state.step === 'choose' ? 'Checking…' : 'Dry run'}
        </button>
      </form>

      {state.step === 'planned' ? (
        <section aria-labelledby="plan-title">
          <h2 id="plan-title">Dry run: nothing has been written</h2>
          <p role="status" data-testid="import-summary">
            {state.plan.counts.create} to create, {state.plan.counts.update} to update, {state.plan.counts.unchanged} unchanged,{' '}
            {state.plan.counts.error} with errors
            {state.plan.counts.error ? ' (skipped when applying)' : ''}.
          </p>
          <table className={styles.table} data-testid="import-plan">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">What would happen</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {state.plan.rows.map((r) => (
                <tr key={r.line} data-action={r.action}>
                  <td>{r.line}</td>
                  <td>{r.email || '—'}</td>
                  <td>{ACTION_LABEL[r.action]}</td>
                  <td>
                    {r.action === 'error'
                      ? r.reasons.join(' ')
                      : r.changes.length
                        ? `Sets ${r.changes.filter((c) => c !== 'new member').join(', ') || 'email only'}`
                        : 'Nothing to change'}
                  </td>
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
              {pending ? 'Applying…' : `Apply: create ${state.plan.counts.create}, update ${state.plan.counts.update}`}
            </button>
          </p>
        </section>
      ) : null}

      {state.step === 'applied' ? (
        <p className={styles.success} role="status" data-testid="import-result">
          Import applied: {state.result.created} created, {state.result.updated} updated, {state.result.unchanged} unchanged,{' '}
          {state.result.skipped} skipped.
        </p>
      ) : null}
    </div>
  );
}
