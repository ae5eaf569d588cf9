import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getMemberDetail } from '@/lib/members/members-detail';
import { STATE_LABEL } from '@/lib/members/members';
import { NOTE_MAX } from '@/lib/members/notes';
import { formatMoney } from '@/lib/format/money';
import { formatIsoDay, formatIsoMinute } from '@/lib/format/dates';
import styles from '@/components/dashboard/dashboard.module.css';
import { NoteForm } from './NoteForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Member' };

const when = (d: Date | null | undefined) => (d ? `${formatIsoMinute(d)} UTC` : '—');
const day = (d: Date | null | undefined) => (d ? formatIsoDay(d) : '—');
const per = (interval: string) => (interval === 'YEAR' ? 'yr' : 'mo');

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole('ADMIN', { callbackUrl: `/dashboard/members/${encodeURIComponent(id)}` });
  const m = await getMemberDetail(id);
  if (!m) notFound();
  const { user, status } = m;

  return (
    <main>
      <p>
        <Link href="/dashboard/members">← Members</Link>
      </p>
      <h1>{user.name ?? user.email}</h1>
      <dl className={styles.dl}>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Name</dt>
        <dd>{user.name ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{user.role.toLowerCase()}</dd>
        <dt>Status</dt>
        <dd data-testid="member-status">
          <span className={styles.status} data-patron={status.isPatron}>
            {STATE_LABEL[status.state]}
          </span>{' '}
          {status.isPatron ? 'counts as a patron now' : 'not a patron now'}
          {status.tierName ? `, ${status.tierName}` : ''}
          {status.endsAt ? ` (ends ${day(status.endsAt)})` : ''}
          {status.graceEndsAt ? ` (grace ends ${day(status.graceEndsAt)})` : ''}
        </dd>
        <dt>Joined</dt>
        <dd>{when(user.createdAt)}</dd>
        <dt>Signed in</dt>
        <dd>{user.emailVerified ? 'Yes' : 'Not yet'}</dd>
        <dt>Stripe customer</dt>
        <dd>{user.stripeCustomer?.customerId ?? '—'}</dd>
        {user.importedAt ? (
          <>
            <dt>Imported</dt>
            <dd>
              {when(user.importedAt)}
              {user.importedTierName ? `, tier ${user.importedTierName}` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Subscriptions</h2>
      {m.subscriptions.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Subscription</th>
              <th scope="col">Stripe status</th>
              <th scope="col">Tier</th>
              <th scope="col" className={styles.num}>
                Amount
              </th>
              <th scope="col">Started</th>
              <th scope="col">Current period ends</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            {m.subscriptions.map((s) => (
              <tr key={s.id}>
                <td>{s.id}</td>
                <td>
                  {s.status}
                  {s.cancelAtPeriodEnd ? ' (cancels at period end)' : ''}
                </td>
                <td>{s.tier?.name ?? '—'}</td>
                <td className={styles.num}>
                  {formatMoney(s.amount, s.currency)}/{per(s.interval)}
                </td>
                <td>{day(s.startedAt)}</td>
                <td>{day(s.currentPeriodEnd)}</td>
                <td>{day(s.endedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No subscriptions.</p>
      )}

      <h2>Subscription history</h2>
      {m.history.length ? (
        <table className={styles.table} data-testid="member-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Status</th>
              <th scope="col">Tier</th>
              <th scope="col" className={styles.num}>
                Amount
              </th>
              <th scope="col">Period ends</th>
            </tr>
          </thead>
          <tbody>
            {m.history.map((h) => (
              <tr key={h.id}>
                <td>{when(h.at)}</td>
                <td>
                  {h.status}
                  {h.cancelAtPeriodEnd ? ' (canceling)' : ''}
                  {h.pastDueSince ? ` (past due since ${day(h.pastDueSince)})` : ''}
                </td>
                <td>{h.tierName ?? '—'}</td>
                <td className={styles.num}>
                  {formatMoney(h.amount, h.currency)}/{per(h.interval)}
                </td>
                <td>{day(h.currentPeriodEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No recorded changes.</p>
      )}

      <h2>Invoices</h2>
      {m.invoices.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Status</th>
              <th scope="col" className={styles.num}>
                Due
              </th>
              <th scope="col" className={styles.num}>
                Paid
              </th>
              <th scope="col" className={styles.num}>
                Refunded
              </th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {m.invoices.map((i) => (
              <tr key={i.id}>
                <td>{i.hostedInvoiceUrl ? <a href={i.hostedInvoiceUrl}>{i.id}</a> : i.id}</td>
                <td>{i.status}</td>
                <td className={styles.num}>{formatMoney(i.amountDue, i.currency)}</td>
                <td className={styles.num}>{formatMoney(i.amountPaid, i.currency)}</td>
                <td className={styles.num}>{i.amountRefunded ? formatMoney(i.amountRefunded, i.currency) : '—'}</td>
                <td>{day(i.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No invoices.</p>
      )}

      <h2>Payments and refunds</h2>
      {m.payments.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Charge</th>
              <th scope="col">Status</th>
              <th scope="col" className={styles.num}>
                Amount
              </th>
              <th scope="col" className={styles.num}>
                Refunded
              </th>
              <th scope="col">Paid</th>
              <th scope="col">Refunded on</th>
            </tr>
          </thead>
          <tbody>
            {m.payments.map((p) => (
              <tr key={p.id}>
                <td>{p.id}</td>
                <td>{p.status}</td>
                <td className={styles.num}>{formatMoney(p.amount, p.currency)}</td>
                <td className={styles.num}>{p.amountRefunded ? formatMoney(p.amountRefunded, p.currency) : '—'}</td>
                <td>{day(p.createdAt)}</td>
                <td>{day(p.refundedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No payments.</p>
      )}

      <h2>Votes</h2>
      {m.votes.length ? (
        <ul>
          {m.votes.map((v) => (
            <li key={v.id}>
              {v.topic.title} ({v.topic.status.toLowerCase()}) in {v.round.title}, {day(v.createdAt)}
            </li>
          ))}
        </ul>
      ) : (
        <p>No votes.</p>
      )}

      <h2>Emails sent</h2>
      {m.emails.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">Kind</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {m.emails.map((e) => (
              <tr key={e.id}>
                <td>{when(e.createdAt)}</td>
                <td>{e.kind}</td>
                <td>{e.subject}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No emails.</p>
      )}

      <h2>Staff notes</h2>
      {m.notes.length ? (
        <div data-testid="member-notes">
          {m.notes.map((n) => (
            <div key={n.id} className={styles.note}>
              <p className={styles.hint}>
                {n.author?.name ?? n.author?.email ?? 'Former staff'}, {when(n.createdAt)}
              </p>
              {n.body}
            </div>
          ))}
        </div>
      ) : (
        <p>No notes yet.</p>
      )}
      <NoteForm memberId={user.id} max={NOTE_MAX} />
    </main>
  );
}
