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

describe('dashboard sections with rich sentences', () => {
  it('says cancellations and gifts in Ukrainian with plurals, keeping the figures’ test ids', async () => {
    const { CancellationsSection } = await import('@/app/dashboard/CancellationsSection');
    const figures = {
      s: {
        requests: 3,
        saved: 2,
        canceled: 1,
        pausedNow: 4,
        offersAccepted: { paused: 1, lowered: 1, yearly: 0 },
        reasons: [{ reason: 'too_expensive', count: 1 }],
      },
      g: { activeGifted: 5, activeGranted: 2, sold: 21, revenue: [{ currency: 'eur', amount: 5000, label: '€50.00' }] },
      inRange: [],
    } as unknown as Parameters<typeof CancellationsSection>[0]['figures'];
    const uk = nbsp(renderToStaticMarkup(<CancellationsSection figures={figures} locale="uk" />));
    expect(uk).toContain(
      '3 патрони почали скасовувати членство за цей період: пропозиція утримала <strong data-testid="members-saved">2</strong>',
    );
    expect(uk).toContain('Членств на паузі зараз: <span data-testid="paused-now">4</span>');
    expect(uk).toContain('Патронів із подарованим членством зараз: <strong data-testid="gifted-patrons">5</strong>');
    expect(uk).toContain('За цей період продано 21 подарунок (50,00 €, у доході як разові платежі).');
    expect(uk).toContain('<td>Зараз це для мене задорого</td>');
    expect(uk).toContain('За цей період кампаній не було.');
    const en = renderToStaticMarkup(<CancellationsSection figures={figures} />);
    expect(en).toContain(
      '3 patrons started to cancel in this period: <strong data-testid="members-saved">2</strong> were saved by an offer (1 paused, 1 lowered their amount, 0 switched to yearly) and 1 cancelled.',
    );
    expect(en).toContain('21 gifts sold in this period (€50.00, in revenue as one-off payments).');
  });
});
