'use client';
/**
 * The running campaign's progress bar, in the calls to action and on /support. Article pages are static,
 * so the numbers come from the small cached endpoint GET /api/campaigns/current, fetched in the browser
 * (one request per page, shared by every bar on it). Renders nothing when no campaign is running.
 */
import { useEffect, useState } from 'react';

type Campaign = {
  id: string;
  title: string;
  description: string;
  endsAt: string;
  goal: number;
  progress: number;
  percent: number;
  label: string;
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
  useEffect(() => {
    let live = true;
    void load().then((v) => live && setC(v));
    return () => {
      live = false;
    };
  }, []);
  if (!c) return null;
  return (
    <div className="campaign-progress" data-testid="campaign-progress" data-campaign={c.id} data-progress={c.progress}>
      <p className="campaign-progress__title">
        <strong>{c.title}</strong>
      </p>
      <div
        role="progressbar"
        aria-label={c.title}
        aria-valuemin={0}
        aria-valuemax={c.goal}
        aria-valuenow={Math.min(c.progress, c.goal)}
        aria-valuetext={c.label}
        className="campaign-progress__track"
        style={{ background: '#e5e7eb', borderRadius: 4, height: 10 }}
      >
        <div className="campaign-progress__bar" style={{ width: `${c.percent}%`, background: '#1d3f72', borderRadius: 4, height: 10 }} />
      </div>
      <p className="campaign-progress__label" data-testid="campaign-progress-label">
        {c.label}
      </p>
    </div>
  );
}
