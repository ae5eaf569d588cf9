'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import styles from '../desk.module.css';

/** Renders the body through the server's Markdown renderer (sanitised), debounced. */
export function MarkdownPreview({ body }: { body: string }) {
  const say = useTranslations('desk.articles.preview');
  const [html, setHtml] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    const t = setTimeout(async () => {
      try {
        const res = await fetch('/api/desk/preview', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ body }),
          signal: ctrl.signal,
        });
        const data = (await res.json()) as { html?: string; error?: string };
        if (!res.ok) throw new Error(data.error ?? say('unavailable'));
        setHtml(data.html ?? '');
        setError(null);
      } catch (err) {
        if ((err as Error).name !== 'AbortError') setError((err as Error).message);
      }
    }, 300);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [body, say]);
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" style={{ fontSize: '1rem', margin: '0 0 6px' }}>
        {say('heading')}
      </h2>
      {error ? <p className={styles.error}>{error}</p> : null}
      {/* html comes from renderMarkdown, which sanitises its output. */}
      <div className={styles.preview} data-testid="body-preview" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
