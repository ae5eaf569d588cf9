'use client';
/**
 * The running campaign's progress bar, in the calls to action and on /support. Article pages are static,
 * so the numbers come from the small cached endpoint GET /api/campaigns/current, fetched in the browser
 * (one request per page, shared by every bar on it). Renders nothing when no campaign is running.
 */
import { useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { formatMoney } from '@/lib/format/money';
import { toLocale } from '@/lib/i18n/locales';

type Campaign = {
  id: string;
  title: string;
  description: string;
  /** Other languages' title and description ({ uk: { title: "…" } }), set at /desk/campaigns. */
  translations?: Partial<Record<string, { title?: string; description?: string }>>;
  endsAt: string;
  goal: number;
  progress: number;
  percent: number;
  label: string;
  goalKind?: 'patrons' | 'amount';
  currency?: string;
  raised?: number;
  newPatrons?: number;
};

let shared: Promise<Campaign | null> | null = null;
function load(): Promise<Campaign | null> {
  shared ??= fetch('/api/campaigns/current', { credentials: 'omit' })
    .then((r) => (r.ok ? (r.json() as Promise<{ campaign: Campaign | null }>) : { campaign: null }))
    .then((b) => b.campaign)
    .catch(() => null);
  return shared;
}

export function CampaignProgress() {
  const [c, setC] = useState<Campaign | null>(null);
  const t = useTranslations('cta.campaign');
  const locale = toLocale(useLocale());
  useEffect(() => {
    let live = true;
    void load().then((v) => live && setC(v));
    return () => {
      live = false;
    };
  }, []);
  if (!c) return null;
  // The title in the page's language when the desk gave one, else the English (lib/i18n/content.ts's rule, without zod in the bundle).
  const title = c.translations?.[locale]?.title?.trim() || c.title;
  // The label in the page's language (the endpoint's own label is English, for older clients).
  const label =
    c.goalKind === 'amount' && c.currency && typeof c.raised === 'number'
      ? t('raised', { raised: formatMoney(c.raised, c.currency, { locale }), goal: formatMoney(c.goal, c.currency, { locale }) })
      : c.goalKind === 'patrons' && typeof c.newPatrons === 'number'
        ? t('patrons', { count: String(c.newPatrons), goal: String(c.goal) })
        : c.label;
  return (
    <div className="campaign-progress" data-testid="campaign-progress" data-campaign={c.id} data-progress={c.progress}>
      <p className="campaign-progress__title">
        <strong>{title}</strong>
      </p>
      <div
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={c.goal}
        aria-valuenow={Math.min(c.progress, c.goal)}
        aria-valuetext={label}
        className="campaign-progress__track"
        style={{ background: '#e5e7eb', borderRadius: 4, height: 10 }}
      >
        <div className="campaign-progress__bar" style={{ width: `${c.percent}%`, background: '#1d3f72', borderRadius: 4, height: 10 }} />
      </div>
      <p className="campaign-progress__label" data-testid="campaign-progress-label">
        {label}
      </p>
    </div>
  );
}
