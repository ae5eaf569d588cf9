import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CancellationsSection } from './CancellationsSection';

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('dashboard sections with rich sentences', () => {
  it('says cancellations and gifts in Ukrainian with plurals, keeping the figures’ test ids', () => {
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
