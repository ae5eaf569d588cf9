import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { mailboxAvailable } from '@/lib/config/mode';
import { listOutbox } from '@/lib/mail/outbox';
import styles from './mailbox.module.css';
import { DataTable } from '@/components/staff/DataTable';

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
        <DataTable
          className={styles.table}
          rows={messages}
          rowKey={(m) => m.id}
          columns={[
            { header: 'To', cell: (m) => m.to },
            { header: 'Subject', cell: (m) => <Link href={`/dev/mailbox/${m.id}`}>{m.subject}</Link> },
            {
              header: 'Sent',
              cell: (m) => <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>,
            },
          ]}
        />
      )}
    </main>
  );
}
