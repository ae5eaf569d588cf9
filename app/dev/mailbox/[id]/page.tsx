import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { mailboxAvailable } from '@/lib/config/mode';
import { getOutboxMessage } from '@/lib/mail/outbox';
import styles from '../mailbox.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Mailbox message (test mode)', robots: { index: false } };

/** Plain text with its http(s) links made clickable (React escapes the rest). */
function linkify(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    out.push(text.slice(last, m.index));
    out.push(
      <a key={m.index} href={m[0]}>
        {m[0]}
      </a>,
    );
    last = m.index! + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!mailboxAvailable()) notFound();
  const { id } = await params;
  if (!/^[a-z0-9]{1,40}$/i.test(id)) notFound();
  const m = await getOutboxMessage(id);
  if (!m) notFound();
  // Links in the HTML open in the top window; scripts never run (sandbox without allow-scripts).
  const srcdoc = m.html.replace(/<head>/i, '<head><base target="_top">');
  return (
    <main className={styles.page}>
      <p>
        <Link href="/dev/mailbox">← All messages</Link>
      </p>
      <h1>
        {m.subject} <span className={styles.badge}>Test mode</span>
      </h1>
      <dl className={styles.meta}>
        <dt>To</dt>
        <dd>{m.to}</dd>
        <dt>Sent</dt>
        <dd>
          <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
        </dd>
        <dt>Kind</dt>
        <dd>{m.kind}</dd>
      </dl>
      <h2>HTML version</h2>
      <iframe
        className={styles.frame}
        title={`HTML version of “${m.subject}”`}
        sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        srcDoc={srcdoc}
      />
      <h2>Text version</h2>
      <pre className={styles.text} data-testid="mail-text">
        {linkify(m.text)}
      </pre>
    </main>
  );
}
