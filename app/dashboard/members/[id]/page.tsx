import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getMemberDetail } from '@/lib/members/members-detail';
import { STATE_LABEL } from '@/lib/members/members';
import { NOTE_MAX } from '@/lib/members/notes';
import { formatMoney } from '@/lib/format/money';
import { formatIsoDay, formatIsoMinute } from '@/lib/format/dates';
import styles from '@/components/dashboard/dashboard.module.css';
import { DataTable } from '@/components/staff/DataTable';
import { NoteForm } from './NoteForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Member' };

const when = (d: Date | null | undefined) => (d ? `${formatIsoMinute(d)} UTC` : '—');
const day = (d: Date | null | undefined) => (d ? formatIsoDay(d) : '—');
const per = (interval: string) => (interval === 'YEAR' ? 'yr' : 'mo');
const table = { className: styles.table, numericClassName: styles.num, rowKey: (row: { id: string }) => row.id };

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
      <DataTable
        {...table}
        rows={m.subscriptions}
        empty={<p>No subscriptions.</p>}
        columns={[
          { header: 'Subscription', cell: (s) => s.id },
          { header: 'Stripe status', cell: (s) => `${s.status}${s.cancelAtPeriodEnd ? ' (cancels at period end)' : ''}` },
          { header: 'Tier', cell: (s) => s.tier?.name ?? '—' },
          { header: 'Amount', numeric: true, cell: (s) => `${formatMoney(s.amount, s.currency)}/${per(s.interval)}` },
          { header: 'Started', cell: (s) => day(s.startedAt) },
          { header: 'Current period ends', cell: (s) => day(s.currentPeriodEnd) },
          { header: 'Ended', cell: (s) => day(s.endedAt) },
        ]}
      />

      <h2>Subscription history</h2>
      <DataTable
        {...table}
        testId="member-history"
        rows={m.history}
        empty={<p>No recorded changes.</p>}
        columns={[
          { header: 'When', cell: (h) => when(h.at) },
          {
            header: 'Status',
            cell: (h) =>
              `${h.status}${h.cancelAtPeriodEnd ? ' (canceling)' : ''}${h.pastDueSince ? ` (past due since ${day(h.pastDueSince)})` : ''}`,
          },
          { header: 'Tier', cell: (h) => h.tierName ?? '—' },
          { header: 'Amount', numeric: true, cell: (h) => `${formatMoney(h.amount, h.currency)}/${per(h.interval)}` },
          { header: 'Period ends', cell: (h) => day(h.currentPeriodEnd) },
        ]}
      />

      <h2>Invoices</h2>
      <DataTable
        {...table}
        rows={m.invoices}
        empty={<p>No invoices.</p>}
        columns={[
          { header: 'Invoice', cell: (i) => (i.hostedInvoiceUrl ? <a href={i.hostedInvoiceUrl}>{i.id}</a> : i.id) },
          { header: 'Status', cell: (i) => i.status },
          { header: 'Due', numeric: true, cell: (i) => formatMoney(i.amountDue, i.currency) },
          { header: 'Paid', numeric: true, cell: (i) => formatMoney(i.amountPaid, i.currency) },
          { header: 'Refunded', numeric: true, cell: (i) => (i.amountRefunded ? formatMoney(i.amountRefunded, i.currency) : '—') },
          { header: 'Created', cell: (i) => day(i.createdAt) },
        ]}
      />

      <h2>Payments and refunds</h2>
      <DataTable
        {...table}
        rows={m.payments}
        empty={<p>No payments.</p>}
        columns={[
          { header: 'Charge', cell: (p) => p.id },
          { header: 'Status', cell: (p) => p.status },
          { header: 'Amount', numeric: true, cell: (p) => formatMoney(p.amount, p.currency) },
          { header: 'Refunded', numeric: true, cell: (p) => (p.amountRefunded ? formatMoney(p.amountRefunded, p.currency) : '—') },
          { header: 'Paid', cell: (p) => day(p.createdAt) },
          { header: 'Refunded on', cell: (p) => day(p.refundedAt) },
        ]}
      />

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
      <DataTable
        {...table}
        rows={m.emails}
        empty={<p>No emails.</p>}
        columns={[
          { header: 'Sent', cell: (e) => when(e.createdAt) },
          { header: 'Kind', cell: (e) => e.kind },
          { header: 'Subject', cell: (e) => e.subject },
        ]}
      />

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
