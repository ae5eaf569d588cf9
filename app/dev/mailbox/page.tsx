import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { mailboxAvailable } from '@/lib/config/mode';
import { listOutbox } from '@/lib/mail/outbox';
import styles from './mailbox.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Mailbox (test mode)', robots: { index: false } };

export default async function MailboxPage() {
  if (!mailboxAvailable()) notFound();
  const messages = await listOutbox();
  return (
    <main className={styles.page}>
      <h1>
        Mailbox <span className={styles.badge}>Test mode</span>
      </h1>
      <p>
        <code>EMAIL_SERVER</code> is not set, so no email leaves this server: every message the site sends is kept here instead. Newest
        first.
      </p>
      {messages.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.to}</td>
                <td>
                  <Link href={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td>
                  <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
