import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTransparencyFigures, type Group } from '@/lib/transparency/figures';
import { listSpending, SPENDING_CATEGORIES, totalsByCategory, type SpendingCategory } from '@/lib/transparency/spending';
import { formatMoney } from '@/lib/format/money';
import { formatDate } from '@/lib/format/dates';
import { INTL_LOCALE, localePath, type Locale } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { languageAlternates } from '@/lib/articles/seo';
import { siteUrl } from '@/lib/config/site';

// ISR: the same page for everyone, regenerated at most every 10 minutes (and when staff enter spending).
export const revalidate = 600;

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.transparency');
  return {
    title: t('title'),
    description: t('description'),
    alternates: {
      canonical: `${siteUrl()}${localePath(locale, '/transparency')}`,
      languages: languageAlternates(siteUrl(), '/transparency'),
    },
  };
}

const numberIn = (locale: Locale) => (v: number) => v.toLocaleString(INTL_LOCALE[locale]);

/** The catalogue's name for a call to action (the keys of lib/transparency/figures.ts's groups). */
const PLACEMENT_KEYS = {
  'end-of-article': 'endOfArticle',
  inline: 'inline',
  banner: 'banner',
  topics: 'topics',
  'round-cta': 'roundCta',
  '': 'direct',
} as const;

type T = ReturnType<typeof translator<'reading.transparency'>>;

/** A group's label in the page's language: "Other", "No particular article" and the calls to action are ours; sections are named as staff named them. */
function groupLabel(t: T, kind: 'section' | 'placement', g: Group): string {
  if (g.key === '__other') return t('other');
  if (kind === 'section') return g.key ? g.label : t('noArticle');
  return g.key in PLACEMENT_KEYS ? t(`placements.${PLACEMENT_KEYS[g.key as keyof typeof PLACEMENT_KEYS]}`) : g.label;
}

function categoryLabel(t: T, category: string, fallback: string): string {
  return category in SPENDING_CATEGORIES ? t(`categories.${category as SpendingCategory}`) : fallback;
}

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

/** A table of figures: a hidden caption, column heads and rows; the last column holds the numbers. */
function FigureTable({
  caption,
  heads,
  rows,
  testId,
}: {
  caption: string;
  heads: string[];
  rows: { key: string; cells: ReactNode[] }[];
  testId?: string;
}) {
  const num = (i: number, count: number) => (i === count - 1 ? 'num' : undefined);
  return (
    <table data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {heads.map((h, i) => (
            <th key={i} scope="col" className={num(i, heads.length)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) => (
              <td key={i} className={num(i, r.cells.length)}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SourceTable({
  caption,
  groups: raw,
  min,
  locale,
  kind,
}: {
  caption: string;
  groups: Group[];
  min: number;
  locale: Locale;
  kind: 'section' | 'placement';
}) {
  const t = translator(locale, 'reading.transparency');
  const n = numberIn(locale);
  if (!raw.length) return <p>{t('tooFew', { min })}</p>;
  const groups = raw.map((g) => ({ ...g, label: groupLabel(t, kind, g) }));
  return (
    <>
      <Bars items={groups.map((g) => ({ key: g.key, label: g.label, amount: g.count, display: n(g.count) }))} label={caption} />
      <FigureTable
        caption={caption}
        heads={[t('cameFrom'), t('newPatrons')]}
        rows={groups.map((g) => ({ key: g.key, cells: [g.label, n(g.count)] }))}
      />
    </>
  );
}

export default async function TransparencyPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.transparency');
  const n = numberIn(locale);
  const money = (cents: number, currency: string) => formatMoney(cents, currency, { trimZeroCents: true, locale });
  const [f, spending] = await Promise.all([getTransparencyFigures(), listSpending({ quarters: 4 })]);
  const fewer = t('fewer', { min: f.minGroup });
  const totals = totalsByCategory(spending);
  const quarters = [...new Set(spending.map((r) => r.quarter))];
  const from = formatDate(new Date(`${f.range.from}T00:00:00Z`), undefined, locale);
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="container transparency" data-testid="transparency">
      <h1>{t('heading')}</h1>
      <p>{t('intro', { min: f.minGroup })}</p>

      <h2>{t('revenueHeading')}</h2>
      <ul className="transparency__figures">
        <li data-testid="figure-patrons">{t.rich('patronsNow', { count: f.patronsNow === null ? fewer : n(f.patronsNow), strong })}</li>
        <li data-testid="figure-revenue">
          <strong>{f.monthlyRevenue === null ? '—' : t('about', { amount: money(f.monthlyRevenue, f.reportingCurrency) })}</strong>{' '}
          {f.monthlyRevenue === null ? t('perMonthHidden') : t('perMonth')}
        </li>
      </ul>

      <h2>{t('sourcesHeading')}</h2>
      <p>{t('sourcesIntro', { date: from })}</p>
      <h3>{t('bySection')}</h3>
      <SourceTable caption={t('bySectionCaption')} groups={f.sourcesBySection} min={f.minGroup} locale={locale} kind="section" />
      <h3>{t('byPlacement')}</h3>
      <SourceTable caption={t('byPlacementCaption')} groups={f.sourcesByPlacement} min={f.minGroup} locale={locale} kind="placement" />

      <h2>{t('votesHeading')}</h2>
      <ul className="transparency__figures">
        <li data-testid="figure-rounds">{t.rich('rounds', { count: n(f.rounds), rounds: f.rounds, date: from, strong })}</li>
        <li data-testid="figure-turnout">
          {t.rich('turnout', { votes: n(f.votes), voters: f.voters === null ? fewer : n(f.voters), strong })}
        </li>
        <li data-testid="figure-commissioned">{t.rich('commissioned', { count: n(f.topicsCommissioned), strong })}</li>
        <li data-testid="figure-published">{t.rich('published', { count: n(f.topicsPublished), strong })}</li>
      </ul>
      <p>
        <Link href={localePath(locale, '/topics')}>{t('currentVote')}</Link> ·{' '}
        <Link href={localePath(locale, '/topics/archive')}>{t('pastVotes')}</Link>
      </p>

      <h2>{t('spendingHeading')}</h2>
      {spending.length ? (
        <>
          <p>{t('spendingIntro', { count: quarters.length, quarters: quarters.slice().reverse().join(', ') })}</p>
          <Bars
            items={totals.map((total) => ({
              key: total.key,
              label: categoryLabel(t, total.key.split('|')[0] ?? '', total.label),
              amount: total.amountCents,
              display: money(total.amountCents, total.currency),
            }))}
            label={t('spendingChart')}
          />
          <FigureTable
            testId="spending-table"
            caption={t('spendingCaption')}
            heads={[t('quarter'), t('category'), t('amount')]}
            rows={spending.map((r) => ({
              key: r.id,
              cells: [r.quarter, categoryLabel(t, r.category, r.label), money(r.amountCents, r.currency)],
            }))}
          />
        </>
      ) : (
        <p>{t('noSpending')}</p>
      )}
      <p className="transparency__updated">
        {t.rich('asOf', {
          date: formatDate(new Date(f.generatedAt), undefined, locale),
          time: (chunks) => <time dateTime={f.generatedAt}>{chunks}</time>,
        })}
      </p>
    </div>
  );
}
