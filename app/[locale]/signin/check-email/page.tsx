import Link from 'next/link';
import type { Metadata } from 'next';
import { z } from 'zod';
import { mailToOutbox } from '@/lib/config/site';
import styles from '../signin.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Check your email', robots: { index: false } };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const raw = (await searchParams).email;
  const email = z.email().safeParse(Array.isArray(raw) ? raw[0] : raw);
  return (
    <main className={styles.page}>
      <h1>Check your email</h1>
      <p>
        We sent a sign-in link to {email.success ? <strong>{email.data}</strong> : 'your email address'}. Open it on this device to sign in.
        The link works once and expires in 24 hours.
      </p>
      {mailToOutbox() ? (
        <p className={styles.note}>
          Test mode: emails are not delivered. <Link href="/dev/mailbox">Open the local mailbox</Link> to find the link.
        </p>
      ) : null}
      <p>
        Wrong address or no email after a few minutes? <Link href="/signin">Request a new link</Link>.
      </p>
    </main>
  );
}
