/** The CTA beacon sends nothing when the reader asks not to be tracked. */
import { describe, expect, it } from 'vitest';
import { trackingAllowed } from '@/components/cta/CtaBeacon';

const nav = (over: Record<string, unknown>) => over as unknown as Navigator;

describe('trackingAllowed', () => {
  it('is false under Do Not Track or Global Privacy Control, true otherwise', () => {
    expect(trackingAllowed(nav({ doNotTrack: '1' }))).toBe(false);
    expect(trackingAllowed(nav({ doNotTrack: null, globalPrivacyControl: true }))).toBe(false);
    expect(trackingAllowed(nav({ doNotTrack: '0', globalPrivacyControl: false }))).toBe(true);
    expect(trackingAllowed(nav({ doNotTrack: null }))).toBe(true);
  });
});
