import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listNewsletters } from '@/lib/newsletters/newsletters';
import { subscriberCounts } from '@/lib/newsletters/desk';
import { saveNewsletterAction } from './actions';
import { NewsletterFields } from './NewsletterFields';
import styles from '../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Newsletters' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewslettersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const sp = await searchParams;
  const [list, counts] = await Promise.all([listNewsletters(), subscriberCounts()]);
  const failed = first(sp.failed);
  return (
    <main>
      <h1>Newsletters</h1>
      <p>
        Free newsletters appear in the sign-up slots (end of articles, home page, footer); patrons-only letters are chosen on the account
        page and sent only to current patrons.
      </p>
      <ActionOutcome failed={failed} failedClass="error" styles={styles} />
      {list.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Newsletter</th>
              <th scope="col">Cadence</th>
              <th scope="col">Audience</th>
              <th scope="col">Subscribers</th>
              <th scope="col">Awaiting confirmation</th>
            </tr>
          </thead>
          <tbody>
            {list.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link href={`/desk/newsletters/${n.id}`}>{n.name}</Link>
                </td>
                <td>{n.cadence}</td>
                <td>{n.audience === 'PATRONS' ? 'Patrons only' : 'Everyone'}</td>
                <td>{counts.get(n.id)?.confirmed ?? 0}</td>
                <td>{counts.get(n.id)?.pending ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No newsletters yet.</p>
      )}
      <h2>New newsletter</h2>
      <form action={saveNewsletterAction} className={styles.form}>
        <NewsletterFields />
        <button type="submit" className={styles.button}>
          Create newsletter
        </button>
      </form>
    </main>
  );
}
