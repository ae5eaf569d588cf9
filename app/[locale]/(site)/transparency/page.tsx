import type { Metadata } from 'next';
import Link from 'next/link';
import { getTransparencyFigures, type Group } from '@/lib/transparency/figures';
import { listSpending, totalsByCategory } from '@/lib/transparency/spending';
import { formatMoney } from '@/lib/format/money';
import { formatDate } from '@/lib/format/dates';

// ISR: the same page for everyone, regenerated at most every 10 minutes (and when staff enter spending).
export const revalidate = 600;
export const metadata: Metadata = {
  title: 'Transparency: our figures and what we spend',
  description: 'How many patrons support us, where they come from, what they voted for, and what we spend on reporting.',
};

const n = (v: number) => v.toLocaleString('en-US');

function Bars({ items, label }: { items: { key: string; label: string; amount: number; display: string }[]; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.amount));
  // The bars are a picture of the table next to them: screen readers get the table.
  return (
    <ul className="bar-chart" aria-hidden="true" data-chart={label}>
      {items.map((i) => (
        <li key={i.key}>
          <span>{i.label}</span>
          <span className="bar-chart__bar" style={{ width: `${(100 * i.amount) / max}%` }} />
          <span className="bar-chart__value">{i.display}</span>
        </li>
      ))}
    </ul>
  );
}

function SourceTable({ caption, groups, min }: { caption: string; groups: Group[]; min: number }) {
  if (!groups.length)
    return <p>Too few new patrons in this period to show where they came from (we never show a group smaller than {min}).</p>;
  return (
    <>
      <Bars items={groups.map((g) => ({ key: g.key, label: g.label, amount: g.count, display: n(g.count) }))} label={caption} />
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Came from</th>
            <th scope="col" className="num">
              New patrons
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <td>{g.label}</td>
              <td className="num">{n(g.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export default async function TransparencyPage() {
  const [f, spending] = await Promise.all([getTransparencyFigures(), listSpending({ quarters: 4 })]);
  const fewer = `fewer than ${f.minGroup}`;
  const totals = totalsByCategory(spending);
  const quarters = [...new Set(spending.map((r) => r.quarter))];
  const from = formatDate(new Date(`${f.range.from}T00:00:00Z`));
  return (
    <div className="container transparency" data-testid="transparency">
      <h1>Transparency</h1>
      <p>
        Patrons pay for our reporting, so they should see what it adds up to. These figures come from the same records our staff dashboard
        uses, updated every few minutes. Where a group of people would be smaller than {f.minGroup}, we merge it into “Other” or leave it
        out, so no figure here points at a person.
      </p>

      <h2>Patrons and revenue</h2>
      <ul className="transparency__figures">
        <li data-testid="figure-patrons">
          <strong>{f.patronsNow === null ? fewer : n(f.patronsNow)}</strong> patrons now
        </li>
        <li data-testid="figure-revenue">
          <strong>
            {f.monthlyRevenue === null ? '—' : `about ${formatMoney(f.monthlyRevenue, f.reportingCurrency, { trimZeroCents: true })}`}
          </strong>{' '}
          a month in memberships (rounded to the nearest 100{f.monthlyRevenue === null ? '; not shown for so few patrons' : ''})
        </li>
      </ul>

      <h2>Where new patrons come from</h2>
      <p>New patrons since {from}, by the kind of story they were reading when they joined, and by the note that brought them.</p>
      <h3>By section</h3>
      <SourceTable caption="New patrons by section" groups={f.sourcesBySection} min={f.minGroup} />
      <h3>By call to action</h3>
      <SourceTable caption="New patrons by call to action" groups={f.sourcesByPlacement} min={f.minGroup} />

      <h2>What patrons voted for</h2>
      <ul className="transparency__figures">
        <li data-testid="figure-rounds">
          <strong>{n(f.rounds)}</strong> topic {f.rounds === 1 ? 'vote' : 'votes'} held since {from}
        </li>
        <li data-testid="figure-turnout">
          <strong>{n(f.votes)}</strong> votes cast by {f.voters === null ? fewer : n(f.voters)} patrons
        </li>
        <li data-testid="figure-commissioned">
          <strong>{n(f.topicsCommissioned)}</strong> topics commissioned
        </li>
        <li data-testid="figure-published">
          <strong>{n(f.topicsPublished)}</strong> of them published
        </li>
      </ul>
      <p>
        <Link href="/topics">See the current vote</Link> · <Link href="/topics/archive">Past votes and what came of them</Link>
      </p>

      <h2>What we spend</h2>
      {spending.length ? (
        <>
          <p>
            Our spending over the last {quarters.length === 1 ? 'quarter' : `${quarters.length} quarters`} (
            {quarters.slice().reverse().join(', ')}), by category.
          </p>
          <Bars
            items={totals.map((t) => ({
              key: t.key,
              label: t.label,
              amount: t.amountCents,
              display: formatMoney(t.amountCents, t.currency, { trimZeroCents: true }),
            }))}
            label="Spending by category"
          />
          <table data-testid="spending-table">
            <caption className="visually-hidden">Spending by quarter and category</caption>
            <thead>
              <tr>
                <th scope="col">Quarter</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {spending.map((r) => (
                <tr key={r.id}>
                  <td>{r.quarter}</td>
                  <td>{r.label}</td>
                  <td className="num">{formatMoney(r.amountCents, r.currency, { trimZeroCents: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>We have not published a spending breakdown yet.</p>
      )}
      <p className="transparency__updated">
        Figures as of <time dateTime={f.generatedAt}>{formatDate(new Date(f.generatedAt))}</time>.
      </p>
    </div>
  );
}
