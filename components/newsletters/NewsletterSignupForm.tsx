'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import styles from './newsletters.module.css';

export type SignupNewsletter = { slug: string; name: string; description: string; cadence: string };

/**
 * The slot's form. With JavaScript it posts JSON and shows the answer in place; without, it is a plain
 * form post answered by /newsletters/thanks. Nothing here depends on who is reading. Its sentences, in
 * the page's language, come with the client messages (newsletters.signup), not as props: the slot is
 * on every reader page, twice on an article.
 */
export function NewsletterSignupForm({ newsletters, source }: { newsletters: SignupNewsletter[]; source: string }) {
  const locale = useLocale();
  const t = useTranslations('newsletters.signup');
  const id = useId();
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'done' | 'error'; message?: string }>({ kind: 'idle' });

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setState({ kind: 'sending' });
    try {
      const res = await fetch('/api/newsletters/subscribe', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: data.get('email'), newsletter: data.get('newsletter'), source, locale }),
      });
      const body = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
      setState(res.ok ? { kind: 'done', message: body.message } : { kind: 'error', message: body.error ?? t('failed') });
    } catch {
      setState({ kind: 'error', message: t('offline') });
    }
  }

  if (state.kind === 'done') {
    return (
      <p role="status" className={styles.done}>
        {state.message}
      </p>
    );
  }
  return (
    <form method="post" action="/api/newsletters/subscribe" onSubmit={submit} className={styles.form}>
      <input type="hidden" name="source" value={source} />
      <input type="hidden" name="locale" value={locale} />
      {newsletters.length === 1 ? (
        <input type="hidden" name="newsletter" value={newsletters[0]!.slug} />
      ) : (
        <fieldset className={styles.choices}>
          <legend className="visually-hidden">{t('legend')}</legend>
          {newsletters.map((n, i) => (
            <label key={n.slug}>
              <input type="radio" name="newsletter" value={n.slug} defaultChecked={i === 0} /> {n.name}{' '}
              <span className={styles.cadence}>({n.cadence})</span>
            </label>
          ))}
        </fieldset>
      )}
      <label htmlFor={`${id}-email`} className={styles.label}>
        {t('emailLabel')}
      </label>
      <div className={styles.row}>
        <input
          id={`${id}-email`}
          type="email"
          name="email"
          required
          autoComplete="email"
          maxLength={254}
          placeholder="you@example.com"
          className={styles.input}
        />
        <button type="submit" className="button" disabled={state.kind === 'sending'}>
          {t('button')}
        </button>
      </div>
      {state.kind === 'error' ? (
        <p role="alert" className={styles.error}>
          {state.message}
        </p>
      ) : (
        <p className={styles.small}>{t('small')}</p>
      )}
    </form>
  );
}
