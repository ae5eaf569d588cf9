import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TopicStats } from '@/lib/analytics/types';
import { ChartFigure } from './ChartFigure';
import { bucketLabel } from './DashboardCharts';
import { FunnelTable } from './DashboardTables';
import { formatValue } from './format';
import { TopicStatsView } from './TopicStatsView';

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('dashboard in the staff language', () => {
  it('formats figures per language, English as before', () => {
    expect(formatValue(123450, { kind: 'money', currency: 'usd' })).toBe('$1,234.50');
    expect(nbsp(formatValue(123450, { kind: 'money', currency: 'usd' }, 'uk'))).toBe('1 234,50 $');
    expect(formatValue(0.125, { kind: 'rate' })).toBe('12.5 %');
    expect(formatValue(0.125, { kind: 'rate' }, 'uk')).toBe('12,5%');
    expect(nbsp(formatValue(4321, { kind: 'count' }, 'uk'))).toBe('4 321');
  });

  it('names chart buckets in the language', () => {
    expect(bucketLabel('2026-03-01', 'month', 'en')).toBe('Mar 2026');
    expect(bucketLabel('2026-03-02', 'week', 'en')).toBe('Week of 2 Mar 2026');
    expect(bucketLabel('2026-03-01', 'month', 'uk')).toBe('бер. 2026 р.');
    expect(bucketLabel('2026-03-02', 'week', 'uk')).toBe('Тиждень з 2 бер. 2026 р.');
  });

  it('gives a chart’s table fallback its words and figures in Ukrainian', () => {
    const html = nbsp(
      renderToStaticMarkup(
        <ChartFigure
          id="mrr"
          title="MRR (USD)"
          type="line"
          data={[{ label: bucketLabel('2026-03-01', 'month', 'uk'), mrr: 250000 }]}
          series={[{ key: 'mrr', name: 'MRR', color: '#000' }]}
          valueKind={{ kind: 'money', currency: 'usd' }}
          labelHeader="Період"
          tableText="Таблиця"
          emptyText="За цей проміжок даних немає."
          locale="uk"
        />,
      ),
    );
    expect(html).toContain('<summary>Таблиця</summary>');
    expect(html).toContain('<th scope="col">Період</th>');
    expect(html).toMatch(/<th scope="row">бер\. 2026 р\.<\/th><td class="[^"]*">2 500,00 \$<\/td>/);
    // Without the new props, English as before.
    const english = renderToStaticMarkup(<ChartFigure id="x" title="X" type="bar" data={[]} series={[]} valueKind={{ kind: 'count' }} />);
    expect(english).toContain('No data in this range.');
    expect(english).toContain('<summary>Table</summary>');
    expect(english).toContain('<th scope="col">Period</th>');
  });

  it('says the funnel and topic statistics with Ukrainian plurals', () => {
    const funnel = nbsp(
      renderToStaticMarkup(<FunnelTable funnel={{ ctaViews: 2000, supportVisits: 100, checkoutsStarted: 10, paid: 5 }} locale="uk" />),
    );
    expect(funnel).toContain('<h3 id="funnel-title">Воронка</h3>');
    expect(funnel).toMatch(/<th scope="row">Перегляди закликів до дії<\/th><td class="[^"]*">2 000<\/td>/);
    expect(funnel).toContain('5,0%');

    const stats: TopicStats = {
      range: { from: '2026-01-01', to: '2026-04-01' },
      totals: { rounds: 1, votes: 22, voters: 1, topicsPublished: 0 },
      rounds: [
        {
          id: 'r',
          slug: 'spring',
          title: 'Весна',
          status: 'OPEN',
          closesAt: '2026-03-31T12:00:00.000Z',
          votes: 22,
          voters: 1,
          topics: [{ id: 't', title: 'Житло', status: 'OPEN', votes: 22, published: false }],
        },
      ],
    };
    const html = renderToStaticMarkup(<TopicStatsView stats={stats} locale="uk" />);
    expect(html).toContain('Весна (відкритий, закривається 31.03.2026): 22 голоси від 1 патрона');
    expect(html).toContain('<td>відкрита</td>');
    expect(html).toContain('<td>Ні</td>');
    expect(renderToStaticMarkup(<TopicStatsView stats={stats} />)).toContain('Весна (open, closes 2026-03-31): 22 votes from 1 patrons');
  });
});
