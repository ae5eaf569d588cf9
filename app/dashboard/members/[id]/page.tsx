import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getMemberDetail } from '@/lib/members/members-detail';
import { NOTE_MAX } from '@/lib/members/notes';
import { formatMoney, formatPerIntervalShort } from '@/lib/format/money';
import { formatStaffDay, formatStaffMinute } from '@/lib/format/dates';
import { staffLocale, staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import styles from '@/components/dashboard/dashboard.module.css';
import { DataTable } from '@/components/staff/DataTable';
import { NoteForm } from './NoteForm';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('dashboard.member.metaTitle');

const table = { className: styles.table, numericClassName: styles.num, rowKey: (row: { id: string }) => row.id };

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole('ADMIN', { callbackUrl: `/dashboard/members/${encodeURIComponent(id)}` });
  const m = await getMemberDetail(id);
  if (!m) notFound();
  const { user, status } = m;
  const locale = await staffLocale();
  const t = await staffTranslator('dashboard.member');
  const states = await staffTranslator('dashboard.members.states');
  const when = (d: Date | null | undefined) => (d ? `${formatStaffMinute(d, locale)} UTC` : '—');
  const day = (d: Date | null | undefined) => (d ? formatStaffDay(d, locale) : '—');
  const money = (minor: number, currency: string) => formatMoney(minor, currency, { locale });
  const perInterval = (minor: number, currency: string, interval: string) =>
    formatPerIntervalShort(minor, currency, interval === 'YEAR' ? 'YEAR' : 'MONTH', locale);
  const role = t.has(`roles.${user.role}` as 'roles.ADMIN') ? t(`roles.${user.role}` as 'roles.ADMIN') : user.role.toLowerCase();

  return (
    <main>
      <p>
        <Link href="/dashboard/members">{t('back')}</Link>
      </p>
      <h1>{user.name ?? user.email}</h1>
      <dl className={styles.dl}>
        <dt>{t('email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('name')}</dt>
        <dd>{user.name ?? '—'}</dd>
        <dt>{t('role')}</dt>
        <dd>{role}</dd>
        <dt>{t('status')}</dt>
        <dd data-testid="member-status">
          <span className={styles.status} data-patron={status.isPatron}>
            {states(status.state)}
          </span>{' '}
          {status.isPatron ? t('countsAsPatron') : t('notPatron')}
          {status.tierName ? `, ${status.tierName}` : ''}
          {status.endsAt ? ` ${t('ends', { date: day(status.endsAt) })}` : ''}
          {status.graceEndsAt ? ` ${t('graceEnds', { date: day(status.graceEndsAt) })}` : ''}
        </dd>
        <dt>{t('joined')}</dt>
        <dd>{when(user.createdAt)}</dd>
        <dt>{t('signedIn')}</dt>
        <dd>{user.emailVerified ? t('yes') : t('notYet')}</dd>
        <dt>{t('stripeCustomer')}</dt>
        <dd>{user.stripeCustomer?.customerId ?? '—'}</dd>
        {user.importedAt ? (
          <>
            <dt>{t('imported')}</dt>
            <dd>
              {when(user.importedAt)}
              {user.importedTierName ? `, ${t('importedTier', { tier: user.importedTierName })}` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t('subscriptions.title')}</h2>
      <DataTable
        {...table}
        rows={m.subscriptions}
        empty={<p>{t('subscriptions.none')}</p>}
        columns={[
          { header: t('subscriptions.id'), cell: (s) => s.id },
          {
            header: t('subscriptions.stripeStatus'),
            cell: (s) => `${s.status}${s.cancelAtPeriodEnd ? ` ${t('subscriptions.cancelsAtPeriodEnd')}` : ''}`,
          },
          { header: t('tier'), cell: (s) => s.tier?.name ?? '—' },
          { header: t('amount'), numeric: true, cell: (s) => perInterval(s.amount, s.currency, s.interval) },
          { header: t('subscriptions.started'), cell: (s) => day(s.startedAt) },
          { header: t('subscriptions.periodEnds'), cell: (s) => day(s.currentPeriodEnd) },
          { header: t('subscriptions.ended'), cell: (s) => day(s.endedAt) },
        ]}
      />

      <h2>{t('history.title')}</h2>
      <DataTable
        {...table}
        testId="member-history"
        rows={m.history}
        empty={<p>{t('history.none')}</p>}
        columns={[
          { header: t('history.when'), cell: (h) => when(h.at) },
          {
            header: t('status'),
            cell: (h) =>
              `${h.status}${h.cancelAtPeriodEnd ? ` ${t('history.canceling')}` : ''}${h.pastDueSince ? ` ${t('history.pastDueSince', { date: day(h.pastDueSince) })}` : ''}`,
          },
          { header: t('tier'), cell: (h) => h.tierName ?? '—' },
          { header: t('amount'), numeric: true, cell: (h) => perInterval(h.amount, h.currency, h.interval) },
          { header: t('history.periodEnds'), cell: (h) => day(h.currentPeriodEnd) },
        ]}
      />

      <h2>{t('invoices.title')}</h2>
      <DataTable
        {...table}
        rows={m.invoices}
        empty={<p>{t('invoices.none')}</p>}
        columns={[
          { header: t('invoices.id'), cell: (i) => (i.hostedInvoiceUrl ? <a href={i.hostedInvoiceUrl}>{i.id}</a> : i.id) },
          { header: t('status'), cell: (i) => i.status },
          { header: t('invoices.due'), numeric: true, cell: (i) => money(i.amountDue, i.currency) },
          { header: t('invoices.paid'), numeric: true, cell: (i) => money(i.amountPaid, i.currency) },
          { header: t('refunded'), numeric: true, cell: (i) => (i.amountRefunded ? money(i.amountRefunded, i.currency) : '—') },
          { header: t('invoices.created'), cell: (i) => day(i.createdAt) },
        ]}
      />

      <h2>{t('payments.title')}</h2>
      <DataTable
        {...table}
        rows={m.payments}
        empty={<p>{t('payments.none')}</p>}
        columns={[
          { header: t('payments.id'), cell: (p) => p.id },
          { header: t('status'), cell: (p) => p.status },
          { header: t('amount'), numeric: true, cell: (p) => money(p.amount, p.currency) },
          { header: t('refunded'), numeric: true, cell: (p) => (p.amountRefunded ? money(p.amountRefunded, p.currency) : '—') },
          { header: t('payments.paidOn'), cell: (p) => day(p.createdAt) },
          { header: t('payments.refundedOn'), cell: (p) => day(p.refundedAt) },
        ]}
      />

      <h2>{t('votes.title')}</h2>
      {m.votes.length ? (
        <ul>
          {m.votes.map((v) => (
            <li key={v.id}>
              {t('votes.vote', {
                topic: v.topic.title,
                status: t.has(`votes.topicStatus.${v.topic.status}` as 'votes.topicStatus.OPEN')
                  ? t(`votes.topicStatus.${v.topic.status}` as 'votes.topicStatus.OPEN')
                  : v.topic.status.toLowerCase(),
                round: v.round.title,
                date: day(v.createdAt),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('votes.none')}</p>
      )}

      <h2>{t('emails.title')}</h2>
      <DataTable
        {...table}
        rows={m.emails}
        empty={<p>{t('emails.none')}</p>}
        columns={[
          { header: t('emails.sent'), cell: (e) => when(e.createdAt) },
          { header: t('emails.kind'), cell: (e) => e.kind },
          { header: t('emails.subject'), cell: (e) => e.subject },
        ]}
      />

      <h2>{t('notes.title')}</h2>
      {m.notes.length ? (
        <div data-testid="member-notes">
          {m.notes.map((n) => (
            <div key={n.id} className={styles.note}>
              <p className={styles.hint}>
                {n.author?.name ?? n.author?.email ?? t('notes.formerStaff')}, {when(n.createdAt)}
              </p>
              {n.body}
            </div>
          ))}
        </div>
      ) : (
        <p>{t('notes.none')}</p>
      )}
      <NoteForm memberId={user.id} max={NOTE_MAX} />
    </main>
  );
}
