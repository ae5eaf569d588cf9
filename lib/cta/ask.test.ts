import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { addSubscription, makePatron, makeUser } from '@/lib/voting/testing';
import { GET } from '@/app/api/cta/ask/route';
import { askFor, comeBackChoice, readerKind } from './ask';
import { ctaMessage } from './messages';

const askGET = () => GET(new Request('http://site.test/api/cta/ask'));

describe('readerKind (pure)', () => {
  it('anonymous, reader, patron, lapsed', () => {
    expect(readerKind(false, null)).toBe('anonymous');
    expect(readerKind(true, { isPatron: false, state: 'none' })).toBe('reader');
    // An unfinished checkout's subscription (incomplete) is not a lapsed membership.
    expect(readerKind(true, { isPatron: false, state: 'none', subscription: {} })).toBe('reader');
    expect(readerKind(true, { isPatron: true, state: 'active', subscription: {} })).toBe('patron');
    expect(readerKind(true, { isPatron: true, state: 'past_due_grace', subscription: {} })).toBe('patron');
    expect(readerKind(true, { isPatron: false, state: 'ended', subscription: {} })).toBe('lapsed');
    expect(readerKind(true, { isPatron: false, state: 'past_due_lapsed', subscription: {} })).toBe('lapsed');
  });
});

describe('ctaMessage (pure)', () => {
  it('anonymous and unknown readers keep the static default', () => {
    expect(ctaMessage(null, 'end-of-article', 'a')).toEqual({ variant: 'default' });
    expect(ctaMessage({ kind: 'anonymous' }, 'inline', 'a')).toEqual({ variant: 'default' });
  });
  it('a reader is asked to join, with the slot and article in the link', () => {
    expect(ctaMessage({ kind: 'reader' }, 'end-of-article', 'the-story')).toMatchObject({
      variant: 'ask',
      kind: 'reader',
      href: '/support?from=the-story&placement=end-of-article',
      label: 'Become a patron',
    });
  });
  it('a lapsed patron is asked to come back, naming the old tier', () => {
    const m = ctaMessage({ kind: 'lapsed', tierId: 't1', tierName: 'Supporter', interval: 'YEAR', currency: 'eur' }, 'inline', 'x');
    expect(m).toMatchObject({
      variant: 'ask',
      kind: 'lapsed',
      label: 'Come back as a Supporter patron',
      href: '/support?from=x&placement=inline',
    });
  });
  it('a patron sees the referral ask with their link, not "become a patron"', () => {
    const m = ctaMessage({ kind: 'patron', referralLink: 'http://site.test/r/abcdefgh' }, 'end-of-article', 'x');
    expect(m).toMatchObject({ variant: 'referral', link: 'http://site.test/r/abcdefgh' });
    expect(JSON.stringify(m)).not.toMatch(/Become a patron/);
  });
});

describe('askFor and GET /api/cta/ask (database)', () => {
  let db: TestDb;
  let signedIn: { id: string; email: string } | null = null;
  beforeAll(async () => {
    db = await createTestDb();
    process.env.SITE_URL = 'http://site.test';
    setSessionLookupForTesting(async () => (signedIn ? { user: { ...signedIn, role: 'READER' } } : null));
  });
  afterAll(async () => {
    setSessionLookupForTesting(undefined);
    await db?.close();
  });

  it('per reader type, through the endpoint (never cached)', async () => {
    signedIn = null;
    const res = await askGET();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toEqual({ kind: 'anonymous' });

    const reader = await makeUser(db.prisma);
    signedIn = reader;
    expect(await (await askGET()).json()).toEqual({ kind: 'reader' });

    const patron = await makePatron(db.prisma);
    signedIn = patron;
    const ask = (await (await askGET()).json()) as { kind: string; referralLink: string };
    expect(ask.kind).toBe('patron');
    expect(ask.referralLink).toMatch(/^http:\/\/site\.test\/r\/[a-z0-9]{8}$/);
    // The same link every time (one code per patron).
    expect(await askFor(patron)).toEqual(ask);

    const tier = await db.prisma.tier.create({ data: { slug: 'supporter', name: 'Supporter' } });
    const lapsed = await makeUser(db.prisma);
    const sub = await addSubscription(db.prisma, lapsed.id, 'canceled');
    await db.prisma.subscription.update({ where: { id: sub.id }, data: { tierId: tier.id, interval: 'YEAR' } });
    signedIn = lapsed;
    expect(await (await askGET()).json()).toEqual({
      kind: 'lapsed',
      tierId: tier.id,
      tierName: 'Supporter',
      interval: 'YEAR',
      currency: 'eur',
    });
    expect(await comeBackChoice(lapsed.id)).toEqual({ tierId: tier.id, tierName: 'Supporter', interval: 'YEAR', currency: 'eur' });
    expect(await comeBackChoice(patron.id)).toBeNull();
    expect(await comeBackChoice(reader.id)).toBeNull();
  });
});
