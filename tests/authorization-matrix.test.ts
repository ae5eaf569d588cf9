/**
 * The authorization matrix: every page (page.tsx), route handler (route.ts, per HTTP method) and server
 * action ('use server' files, per exported function) under app/ is found on the file system and called
 * in-process as anonymous, reader, patron, lapsed patron, editor and admin (a session stub per role, the
 * real server-side checks), and its outcome is compared with ONE table below. A new page, route,
 * method or action without a row fails the first test; a row without a file fails it too.
 *
 * Outcomes: `ok` (rendered, or the check let the request through: 2xx/3xx, or a 4xx about the input),
 * `signin` (401, or a redirect to /signin), `forbidden` (403), `notfound` (404: the thing does not exist
 * for anyone, used for public pages called with a missing slug).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { addSubscription, makePatron, makeRound, makeUser } from '@/lib/voting/testing';

const root = path.resolve(import.meta.dirname, '..');
const db = setupTestDb();

const WHO = ['anonymous', 'reader', 'patron', 'lapsed', 'editor', 'admin'] as const;
type Who = (typeof WHO)[number];
type Outcome = 'ok' | 'signin' | 'forbidden' | 'notfound';
type Expect = Record<Who, Outcome>;

const everyone = (o: Outcome): Expect => ({ anonymous: o, reader: o, patron: o, lapsed: o, editor: o, admin: o });
const signedIn: Expect = { ...everyone('ok'), anonymous: 'signin' };
const editors: Expect = { anonymous: 'signin', reader: 'forbidden', patron: 'forbidden', lapsed: 'forbidden', editor: 'ok', admin: 'ok' };
const admins: Expect = { ...editors, editor: 'forbidden' };

type Ids = { member: string; round: string; roundSlug: string; topic: string };
/** `call: null` only where the handler cannot run outside a Next request (said in its comment). */
type Row = { expect: Expect; call: ((ids: Ids) => Promise<unknown>) | null };

const U = (p: string) => `http://localhost:3000${p}`;
// Reader pages live under app/[locale]: every call passes the language segment (English) as well.
const sp = (o: Record<string, string> = {}) => ({ searchParams: Promise.resolve(o), params: Promise.resolve({ locale: 'en' }) });
const params = <T extends Record<string, string>>(o: T) => ({ params: Promise.resolve({ locale: 'en', ...o }) });
const get = (p: string) => new Request(U(p));
const postJson = (p: string, body: unknown) =>
  new Request(U(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const postForm = (p: string, body: Record<string, string> = {}) =>
  new Request(U(p), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
const fd = (o: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
// Modules are imported when called, so a page that fails to load fails its own row.
const page = (file: string, props: () => unknown, expect: Expect): [string, Record<string, Row>] => [
  file,
  { default: { expect, call: async () => (await import(/* @vite-ignore */ path.join(root, file))).default(props()) } },
];

/** THE TABLE: file → export (default = the page, GET/POST…, or the action's name) → expected outcome per role. */
const MATRIX: Record<string, Record<string, Row>> = Object.fromEntries([
  // Reader site: public, except the account and its deletion confirmation.
  page('app/[locale]/(site)/page.tsx', () => params({}), everyone('ok')),
  page('app/[locale]/(site)/articles/[slug]/page.tsx', () => params({ slug: 'no-such-article' }), everyone('notfound')),
  page(
    'app/(english)/(site)/articles/[slug]/page.tsx',
    () => ({ params: Promise.resolve({ slug: 'no-such-article' }) }),
    everyone('notfound'),
  ),
  page('app/[locale]/(site)/authors/[slug]/page.tsx', () => params({ slug: 'no-such-author' }), everyone('notfound')),
  page(
    'app/[locale]/(site)/authors/[slug]/page/[page]/page.tsx',
    () => params({ slug: 'no-such-author', page: '2' }),
    everyone('notfound'),
  ),
  page('app/[locale]/(site)/sections/[slug]/page.tsx', () => params({ slug: 'no-such-section' }), everyone('notfound')),
  page(
    'app/[locale]/(site)/sections/[slug]/page/[page]/page.tsx',
    () => params({ slug: 'no-such-section', page: '2' }),
    everyone('notfound'),
  ),
  page('app/[locale]/(site)/tags/[slug]/page.tsx', () => params({ slug: 'no-such-tag' }), everyone('notfound')),
  page('app/[locale]/(site)/tags/[slug]/page/[page]/page.tsx', () => params({ slug: 'no-such-tag', page: '2' }), everyone('notfound')),
  page('app/[locale]/(site)/[...missing]/page.tsx', () => params({ missing: 'no-such-page' }), everyone('notfound')),
  page('app/[locale]/(site)/search/page.tsx', () => sp({ q: 'council' }), everyone('ok')),
  page('app/[locale]/(site)/support/page.tsx', () => sp(), everyone('ok')),
  // Thanks everyone; the checkout's state is asked for by the page's script from the owner-only status API.
  page('app/[locale]/(site)/support/success/page.tsx', () => sp({ session_id: 'cs_test_missing' }), everyone('ok')),
  page('app/[locale]/(site)/account/page.tsx', () => sp(), signedIn),
  page('app/[locale]/(site)/account/deleted/page.tsx', () => params({}), everyone('ok')),
  page('app/[locale]/(site)/topics/page.tsx', () => sp(), everyone('ok')),
  page('app/[locale]/(site)/topics/archive/page.tsx', () => sp(), everyone('ok')),
  page('app/[locale]/(site)/transparency/page.tsx', () => params({}), everyone('ok')),
  [
    'app/[locale]/(site)/topics/[round]/page.tsx',
    {
      default: {
        expect: everyone('ok'),
        call: async (ids: Ids) => (await import('@/app/[locale]/(site)/topics/[round]/page')).default(params({ round: ids.roundSlug })),
      },
    },
  ],
  // A commissioned topic's progress: public (cached; the follow button asks its own API).
  [
    'app/[locale]/(site)/topics/[round]/[topic]/page.tsx',
    {
      default: {
        expect: everyone('ok'),
        call: async (ids: Ids) =>
          (await import('@/app/[locale]/(site)/topics/[round]/[topic]/page')).default(params({ round: ids.roundSlug, topic: ids.topic })),
      },
    },
  ],
  // The stop link in topic emails works without signing in (the signed token decides).
  page('app/[locale]/(site)/topic-emails/stop/page.tsx', () => sp({ token: 'not-a-token' }), everyone('ok')),
  page('app/[locale]/signin/page.tsx', () => sp(), everyone('ok')),
  page('app/[locale]/signin/check-email/page.tsx', () => sp({ email: 'a@b.test' }), everyone('ok')),
  page('app/[locale]/signin/confirm/page.tsx', () => sp({ token: 'x'.repeat(32), email: 'a@b.test' }), everyone('ok')),
  page('app/forbidden/page.tsx', () => ({}), everyone('ok')),
  // Test mode (mail to the outbox, as in these tests): the mailbox exists for everyone.
  page('app/dev/mailbox/page.tsx', () => sp(), everyone('ok')),
  page('app/dev/mailbox/[id]/page.tsx', () => params({ id: 'nosuchmessage' }), everyone('notfound')),
  // Staff.
  page('app/desk/page.tsx', () => sp(), editors),
  page('app/desk/articles/new/page.tsx', () => ({}), editors),
  [
    'app/desk/articles/[id]/page.tsx',
    {
      default: {
        expect: { ...editors, editor: 'notfound', admin: 'notfound' },
        call: async () => (await import('@/app/desk/articles/[id]/page')).default({ ...sp(), ...params({ id: 'no-such-article' }) }),
      },
    },
  ],
  page('app/desk/rounds/page.tsx', () => sp(), editors),
  page('app/desk/rounds/new/page.tsx', () => ({}), editors),
  [
    'app/desk/rounds/[id]/page.tsx',
    {
      default: {
        expect: editors,
        call: async (ids: Ids) => (await import('@/app/desk/rounds/[id]/page')).default({ ...sp(), ...params({ id: ids.round }) }),
      },
    },
  ],
  [
    'app/desk/rounds/[id]/audit/page.tsx',
    {
      default: {
        expect: admins,
        call: async (ids: Ids) => (await import('@/app/desk/rounds/[id]/audit/page')).default({ ...sp(), ...params({ id: ids.round }) }),
      },
    },
  ],
  [
    'app/desk/topics/[id]/page.tsx',
    {
      default: {
        expect: editors,
        call: async (ids: Ids) => (await import('@/app/desk/topics/[id]/page')).default({ ...sp(), ...params({ id: ids.topic }) }),
      },
    },
  ],
  page('app/desk/spending/page.tsx', () => sp(), editors),
  page('app/desk/sections/page.tsx', () => sp(), editors),
  page('app/desk/tiers/page.tsx', () => ({}), admins),
  page('app/desk/tiers/new/page.tsx', () => ({}), admins),
  [
    'app/desk/tiers/[id]/page.tsx',
    {
      default: {
        expect: { ...admins, admin: 'notfound' },
        call: async () => (await import('@/app/desk/tiers/[id]/page')).default(params({ id: 'no-such-tier' })),
      },
    },
  ],
  page('app/desk/team/page.tsx', () => ({}), admins),
  page('app/desk/jobs/page.tsx', () => ({}), admins),
  page('app/dashboard/page.tsx', () => sp(), editors),
  page('app/dashboard/members/page.tsx', () => sp(), admins),
  page('app/dashboard/members/import/page.tsx', () => ({}), admins),
  [
    'app/dashboard/members/[id]/page.tsx',
    {
      default: {
        expect: admins,
        call: async (ids: Ids) => (await import('@/app/dashboard/members/[id]/page')).default(params({ id: ids.member })),
      },
    },
  ],

  // Route handlers.
  ['app/api/me/route.ts', { GET: { expect: everyone('ok'), call: async () => (await import('@/app/api/me/route')).GET(get('/api/me')) } }],
  // The language switcher remembers a signed-in reader's language.
  [
    'app/api/me/locale/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () => (await import('@/app/api/me/locale/route')).POST(postJson('/api/me/locale', { locale: 'en' })),
      },
    },
  ],
  // For load balancers: public, and it tells nothing but ok/unavailable words.
  ['app/api/health/route.ts', { GET: { expect: everyone('ok'), call: async () => (await import('@/app/api/health/route')).GET() } }],
  [
    'app/api/account/export/route.ts',
    { GET: { expect: signedIn, call: async () => (await import('@/app/api/account/export/route')).GET(get('/api/account/export')) } },
  ],
  // A wrong confirmation: the check runs, nothing is deleted.
  [
    'app/api/account/delete/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () => (await import('@/app/api/account/delete/route')).POST(postJson('/api/account/delete', { confirm: 'no' })),
      },
    },
  ],
  [
    'app/api/billing/portal/route.ts',
    {
      POST: { expect: signedIn, call: async () => (await import('@/app/api/billing/portal/route')).POST(postForm('/api/billing/portal')) },
    },
  ],
  // Pay first: anyone may start a checkout (signed out, Checkout collects the address; bad input is a 400).
  [
    'app/api/checkout/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () =>
          (await import('@/app/api/checkout/route')).POST(
            postJson('/api/checkout', { tierId: 'no-such-tier', currency: 'usd', interval: 'MONTH' }),
          ),
      },
    },
  ],
  // Someone else's checkout: 404 for everyone (signed out, only the browser holding the claim cookie is answered).
  [
    'app/api/checkout/status/route.ts',
    {
      GET: {
        expect: {
          ...signedIn,
          anonymous: 'notfound',
          reader: 'notfound',
          patron: 'notfound',
          lapsed: 'notfound',
          editor: 'notfound',
          admin: 'notfound',
        },
        call: async () =>
          (await import('@/app/api/checkout/status/route')).GET(get('/api/checkout/status?session_id=cs_test_someone_elses')),
      },
    },
  ],
  // Pay first's sign-in: only with the claim cookie of a new account's checkout; without it nobody gets anything.
  [
    'app/api/checkout/claim/route.ts',
    {
      POST: {
        expect: everyone('notfound'),
        call: async () =>
          (await import('@/app/api/checkout/claim/route')).POST(postForm('/api/checkout/claim', { session_id: 'cs_test_missing' })),
      },
    },
  ],
  [
    'app/api/votes/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () =>
          (await import('@/app/api/votes/route')).POST(postJson('/api/votes', { topicId: 'no-such-topic', action: 'unpick' })),
      },
    },
  ],
  // GET: anyone (anonymous readers learn they must sign in); POST (an invalid body, so nothing changes): signed-in readers.
  [
    'app/api/topics/[id]/follow/route.ts',
    {
      GET: {
        expect: everyone('ok'),
        call: async (ids: Ids) =>
          (await import('@/app/api/topics/[id]/follow/route')).GET(get(`/api/topics/${ids.topic}/follow`), params({ id: ids.topic })),
      },
      POST: {
        expect: signedIn,
        call: async (ids: Ids) =>
          (await import('@/app/api/topics/[id]/follow/route')).POST(
            postJson(`/api/topics/${ids.topic}/follow`, { follow: 'maybe' }),
            params({ id: ids.topic }),
          ),
      },
    },
  ],
  // Token-authorised, no session: a bad token is refused the same for everyone (400, about the input).
  [
    'app/api/topic-emails/stop/route.ts',
    {
      GET: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/topic-emails/stop/route')).GET(get('/api/topic-emails/stop?token=forged')),
      },
      POST: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/topic-emails/stop/route')).POST(postForm('/api/topic-emails/stop', { token: 'forged' })),
      },
    },
  ],
  [
    'app/api/cta/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () =>
          (await import('@/app/api/cta/route')).POST(postJson('/api/cta', { kind: 'view', source: 'matrix', placement: 'inline' })),
      },
    },
  ],
  // Which ask the calls to action show this reader (issue 18): anyone; it only ever describes the caller.
  [
    'app/api/cta/ask/route.ts',
    { GET: { expect: everyone('ok'), call: async () => (await import('@/app/api/cta/ask/route')).GET(get('/api/cta/ask')) } },
  ],
  // A patron's personal referral link: a redirect to /support for anyone.
  [
    'app/r/[code]/route.ts',
    {
      GET: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/r/[code]/route')).GET(get('/r/abcdefgh'), params({ code: 'abcdefgh' })),
      },
    },
  ],
  [
    'app/api/desk/preview/route.ts',
    {
      POST: {
        expect: editors,
        call: async () => (await import('@/app/api/desk/preview/route')).POST(postJson('/api/desk/preview', { body: '# Hi' })),
      },
    },
  ],
  [
    'app/api/dashboard/route.ts',
    { GET: { expect: admins, call: async () => (await import('@/app/api/dashboard/route')).GET(get('/api/dashboard?range=3m')) } },
  ],
  [
    'app/api/dashboard/topics/route.ts',
    { GET: { expect: editors, call: async () => (await import('@/app/api/dashboard/topics/route')).GET(get('/api/dashboard/topics')) } },
  ],
  [
    'app/api/dashboard/members/route.ts',
    { GET: { expect: admins, call: async () => (await import('@/app/api/dashboard/members/route')).GET(get('/api/dashboard/members')) } },
  ],
  [
    'app/api/dashboard/members.csv/route.ts',
    {
      GET: {
        expect: admins,
        call: async () => (await import('@/app/api/dashboard/members.csv/route')).GET(get('/api/dashboard/members.csv')),
      },
    },
  ],
  [
    'app/api/dashboard/members/import/route.ts',
    {
      POST: {
        expect: admins,
        call: async () =>
          (await import('@/app/api/dashboard/members/import/route')).POST(
            new Request(U('/api/dashboard/members/import'), { method: 'POST', body: fd({ file: 'x' }) }),
          ),
      },
    },
  ],
  [
    'app/api/dashboard/members/[id]/notes/route.ts',
    {
      POST: {
        expect: admins,
        call: async (ids: Ids) =>
          (await import('@/app/api/dashboard/members/[id]/notes/route')).POST(
            postJson(`/api/dashboard/members/${ids.member}/notes`, { body: '' }),
            params({ id: ids.member }),
          ),
      },
    },
  ],
  // Test mode: the outbox JSON for tests.
  [
    'app/api/dev/mailbox/route.ts',
    {
      GET: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/dev/mailbox/route')).GET(get('/api/dev/mailbox?to=a%40b.test')),
      },
    },
  ],
  // Test equipment: the test clock, where the mailbox exists on a loopback site (404 elsewhere); no session. A malformed time is refused (400).
  [
    'app/api/dev/clock/route.ts',
    {
      GET: { expect: everyone('ok'), call: async () => (await import('@/app/api/dev/clock/route')).GET(get('/api/dev/clock')) },
      POST: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/dev/clock/route')).POST(postJson('/api/dev/clock', { at: 'not a time' })),
      },
    },
  ],
  // Signed by Stripe instead of a session: without a signature, refused the same for everyone (400 = about the input).
  [
    'app/api/stripe/webhook/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/stripe/webhook/route')).POST(postJson('/api/stripe/webhook', {})),
      },
    },
  ],
  // next-auth's endpoints (providers, CSRF token, sign-in, callback, sign-out) are public by nature. next-auth
  // reads cookies() and headers(), which exist only inside a Next request, so in-process we check the part we
  // own: no role gets a cross-site POST through the guard. GET is next-auth alone, driven end to end by the
  // Playwright sign-in journeys; its row records that nothing role-specific is expected of it.
  [
    'app/api/auth/[...nextauth]/route.ts',
    {
      GET: { expect: everyone('ok'), call: null },
      POST: {
        expect: everyone('forbidden'),
        call: async () =>
          (await import('@/app/api/auth/[...nextauth]/route')).POST(
            new Request(U('/api/auth/signin/email'), {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
              body: 'email=a%40b.test',
            }),
            { params: Promise.resolve({ nextauth: ['signin', 'email'] }) },
          ),
      },
    },
  ],
  [
    'app/[locale]/feed.xml/route.ts',
    {
      GET: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/[locale]/feed.xml/route')).GET(new Request('http://site.test/feed.xml'), params({})),
      },
    },
  ],
  ['app/logo.svg/route.ts', { GET: { expect: everyone('ok'), call: async () => (await import('@/app/logo.svg/route')).GET() } }],

  // Server actions (called with inputs that are refused after the access check, so nothing changes).
  [
    'app/[locale]/(site)/topics/actions.ts',
    {
      voteAction: {
        expect: signedIn,
        call: async () =>
          (await import('@/app/[locale]/(site)/topics/actions')).voteAction(
            { ok: true, message: null },
            fd({ topicId: 'no-such-topic', intent: 'cast', back: '/topics' }),
          ),
      },
      suggestAction: {
        expect: signedIn,
        call: async () =>
          (await import('@/app/[locale]/(site)/topics/actions')).suggestAction(
            { ok: true, message: null, errors: {}, values: { title: '', description: '' } },
            fd({ roundId: 'no-such-round', title: '' }),
          ),
      },
    },
  ],
  [
    'app/desk/articles/actions.ts',
    {
      saveArticleAction: {
        expect: editors,
        call: async () => (await import('@/app/desk/articles/actions')).saveArticleAction({} as never, fd()),
      },
      unpublishArticleAction: {
        expect: editors,
        call: async () => (await import('@/app/desk/articles/actions')).unpublishArticleAction(fd({ id: 'no-such-article' })),
      },
    },
  ],
  [
    'app/desk/rounds/actions.ts',
    Object.fromEntries(
      [
        'openRoundAction',
        'closeRoundAction',
        'commitmentAction',
        'addTopicAction',
        'approveTopicAction',
        'declineTopicAction',
        'commissionTopicAction',
        'mergeTopicAction',
        'linkArticleAction',
      ]
        .map((name) => [
          name,
          {
            expect: editors,
            call: async () =>
              ((await import('@/app/desk/rounds/actions')) as unknown as Record<string, (f: FormData) => Promise<unknown>>)[name]!(
                fd({ roundId: 'no-such-round', topicId: 'no-such-topic', id: 'no-such-round' }),
              ),
          },
        ])
        .concat([
          [
            'saveRoundAction',
            { expect: editors, call: async () => (await import('@/app/desk/rounds/actions')).saveRoundAction({} as never, fd()) },
          ],
        ]),
    ),
  ],
  [
    'app/desk/topics/actions.ts',
    {
      setTopicStageAction: {
        expect: editors,
        call: async () =>
          (await import('@/app/desk/topics/actions')).setTopicStageAction(fd({ topicId: 'no-such-topic', stage: 'REPORTING' })),
      },
      postTopicUpdateAction: {
        expect: editors,
        call: async () => (await import('@/app/desk/topics/actions')).postTopicUpdateAction(fd({ topicId: 'no-such-topic', body: '' })),
      },
      saveTopicTranslationsAction: {
        expect: editors,
        call: async () =>
          (await import('@/app/desk/topics/actions')).saveTopicTranslationsAction(fd({ topicId: 'no-such-topic', title_uk: 'Тема' })),
      },
      saveTopicUpdateTranslationsAction: {
        expect: editors,
        call: async () =>
          (await import('@/app/desk/topics/actions')).saveTopicUpdateTranslationsAction(
            fd({ topicId: 'no-such-topic', updateId: 'no-such-update', body_uk: 'Новина' }),
          ),
      },
    },
  ],
  [
    'app/desk/sections/actions.ts',
    {
      saveSectionAction: {
        expect: editors,
        call: async () =>
          (await import('@/app/desk/sections/actions')).saveSectionAction(
            { errors: {}, message: null },
            fd({ id: 'no-such-section', name: 'X' }),
          ),
      },
    },
  ],
  [
    'app/desk/spending/actions.ts',
    {
      saveSpendingAction: {
        expect: editors,
        call: async () =>
          (await import('@/app/desk/spending/actions')).saveSpendingAction({ errors: {}, message: null }, fd({ quarter: 'nope' })),
      },
      deleteSpendingAction: {
        expect: editors,
        call: async () => (await import('@/app/desk/spending/actions')).deleteSpendingAction(fd({ id: 'no-such-entry' })),
      },
    },
  ],
  [
    'app/desk/tiers/actions.ts',
    { saveTier: { expect: admins, call: async () => (await import('@/app/desk/tiers/actions')).saveTier({} as never, fd()) } },
  ],
  [
    'app/desk/jobs/actions.ts',
    {
      retryJobAction: {
        expect: admins,
        call: async () =>
          (await import('@/app/desk/jobs/actions')).retryJobAction(
            {} as never,
            fd({ name: 'email.send', id: '00000000-0000-4000-8000-000000000000' }),
          ),
      },
    },
  ],
  [
    'app/desk/team/actions.ts',
    {
      teamAction: {
        expect: admins,
        call: async () => (await import('@/app/desk/team/actions')).teamAction({} as never, fd({ email: '' })),
      },
    },
  ],
  [
    'app/dashboard/members/[id]/actions.ts',
    {
      addNoteAction: {
        expect: admins,
        call: async (ids: Ids) =>
          (await import('@/app/dashboard/members/[id]/actions')).addNoteAction(ids.member, {} as never, fd({ body: '' })),
      },
    },
  ],
  // Newsletters (issue #14). Reader pages are token-authorised (no sign-in); a bad token is answered the same for everyone.
  page('app/[locale]/(site)/newsletters/confirm/page.tsx', () => sp({ token: 'not-a-token' }), everyone('ok')),
  page('app/[locale]/(site)/newsletters/preferences/page.tsx', () => sp({ token: 'not-a-token' }), everyone('ok')),
  page('app/[locale]/(site)/newsletters/thanks/page.tsx', () => params({}), everyone('ok')),
  page('app/desk/newsletters/page.tsx', () => sp(), editors),
  [
    'app/desk/newsletters/[id]/page.tsx',
    {
      default: {
        expect: { ...editors, editor: 'notfound', admin: 'notfound' },
        call: async () => (await import('@/app/desk/newsletters/[id]/page')).default({ ...sp(), ...params({ id: 'no-such-newsletter' }) }),
      },
    },
  ],
  [
    'app/desk/newsletters/issues/[id]/page.tsx',
    {
      default: {
        expect: { ...editors, editor: 'notfound', admin: 'notfound' },
        call: async () =>
          (await import('@/app/desk/newsletters/issues/[id]/page')).default({ ...sp(), ...params({ id: 'no-such-issue' }) }),
      },
    },
  ],
  [
    'app/api/newsletters/subscribe/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () =>
          (await import('@/app/api/newsletters/subscribe/route')).POST(
            postJson('/api/newsletters/subscribe', { email: 'not-an-address', newsletter: 'x' }),
          ),
      },
    },
  ],
  [
    'app/api/newsletters/confirm/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () =>
          (await import('@/app/api/newsletters/confirm/route')).POST(postForm('/api/newsletters/confirm', { token: 'forged' })),
      },
    },
  ],
  [
    'app/api/newsletters/unsubscribe/route.ts',
    {
      GET: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/newsletters/unsubscribe/route')).GET(get('/api/newsletters/unsubscribe?token=forged')),
      },
      POST: {
        expect: everyone('ok'),
        call: async () =>
          (await import('@/app/api/newsletters/unsubscribe/route')).POST(
            postForm('/api/newsletters/unsubscribe?token=forged', { 'List-Unsubscribe': 'One-Click' }),
          ),
      },
    },
  ],
  [
    'app/api/newsletters/preferences/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () =>
          (await import('@/app/api/newsletters/preferences/route')).POST(postForm('/api/newsletters/preferences', { token: 'forged' })),
      },
    },
  ],
  [
    'app/api/newsletters/me/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () => (await import('@/app/api/newsletters/me/route')).POST(postJson('/api/newsletters/me', { newsletterId: '' })),
      },
    },
  ],
  // The provider's bounce webhook: a shared secret instead of a session; off (404 for everyone) without NEWSLETTER_WEBHOOK_SECRET.
  [
    'app/api/newsletters/bounces/route.ts',
    {
      POST: {
        expect: everyone('notfound'),
        call: async () =>
          (await import('@/app/api/newsletters/bounces/route')).POST(
            postJson('/api/newsletters/bounces', { type: 'complaint', email: 'a@b.test' }),
          ),
      },
    },
  ],
  [
    'app/api/desk/newsletters/issues/[id]/preview/route.ts',
    {
      GET: {
        expect: { ...editors, editor: 'notfound', admin: 'notfound' },
        call: async () =>
          (await import('@/app/api/desk/newsletters/issues/[id]/preview/route')).GET(
            get('/api/desk/newsletters/issues/no-such-issue/preview'),
            params({ id: 'no-such-issue' }),
          ),
      },
    },
  ],
  [
    'app/[locale]/(site)/account/newsletter-actions.ts',
    {
      saveMyNewslettersAction: {
        expect: signedIn,
        call: async () => (await import('@/app/[locale]/(site)/account/newsletter-actions')).saveMyNewslettersAction(fd()),
      },
    },
  ],
  // Ending a pause early (issue #15): a signed-in reader who is not paused is told so (a redirect), nothing changes.
  [
    'app/[locale]/(site)/account/pause-actions.ts',
    {
      resumePauseAction: {
        expect: signedIn,
        call: async () => (await import('@/app/[locale]/(site)/account/pause-actions')).resumePauseAction(),
      },
    },
  ],
  [
    'app/desk/newsletters/actions.ts',
    Object.fromEntries(
      ['saveNewsletterAction', 'createIssueAction', 'testSendAction', 'sendIssueNowAction', 'scheduleIssueAction', 'cancelIssueAction'].map(
        (name) => [
          name,
          {
            expect: editors,
            call: async () =>
              ((await import('@/app/desk/newsletters/actions')) as unknown as Record<string, (f: FormData) => Promise<unknown>>)[name]!(
                fd({ issueId: 'no-such-issue', newsletterId: 'no-such-newsletter', name: '' }),
              ),
          },
        ],
      ),
    ),
  ],
  // Retention (issue #15): cancelling signed in (/account/cancel) or by a one-time emailed link (/cancel, public).
  page('app/[locale]/(site)/account/cancel/page.tsx', () => sp(), signedIn),
  page('app/[locale]/(site)/cancel/page.tsx', () => sp(), everyone('ok')),
  page('app/[locale]/(site)/cancel/confirm/page.tsx', () => sp({ token: 'not-a-token' }), everyone('ok')),
  page('app/[locale]/(site)/cancel/done/page.tsx', () => sp({ outcome: 'paused' }), everyone('ok')),
  page('app/desk/retention/page.tsx', () => ({}), admins),
  // Referral reward rule (issue #18).
  page('app/desk/referrals/page.tsx', () => ({}), admins),
  // Without a token the session decides (a bad step is refused after the check); a forged token is refused alike for everyone.
  [
    'app/api/cancel/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () => (await import('@/app/api/cancel/route')).POST(postJson('/api/cancel', { step: 'decide' })),
      },
    },
  ],
  // Public by design (same answer whether or not the address is a patron's); an invalid address is refused (400).
  [
    'app/api/cancel/link/route.ts',
    {
      POST: {
        expect: everyone('ok'),
        call: async () => (await import('@/app/api/cancel/link/route')).POST(postJson('/api/cancel/link', { email: 'not an address' })),
      },
    },
  ],
  // Gift memberships (issue #15): the gift page is public (it asks anonymous readers to sign in); buying and redeeming need a session.
  page('app/[locale]/(site)/gift/page.tsx', () => params({}), everyone('ok')),
  page('app/[locale]/(site)/gift/thanks/page.tsx', () => params({}), everyone('ok')),
  page('app/[locale]/(site)/gift/redeem/page.tsx', () => sp({ token: 'not-a-token' }), everyone('ok')),
  [
    'app/api/gifts/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () => (await import('@/app/api/gifts/route')).POST(postJson('/api/gifts', { tierId: 'no-such-tier', months: 4 })),
      },
    },
  ],
  [
    'app/api/gifts/redeem/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () => (await import('@/app/api/gifts/redeem/route')).POST(postJson('/api/gifts/redeem', { token: 'forged' })),
      },
    },
  ],
  // Campaigns (issue #15): staff run them; the progress endpoint and the supporter wall are public; opting in needs a session
  // (a reader who is not a patron is refused with 403 when opting in, so the row opts out, which any signed-in reader may).
  page('app/desk/campaigns/page.tsx', () => ({}), editors),
  page('app/[locale]/(site)/supporters/page.tsx', () => params({}), everyone('ok')),
  [
    'app/api/campaigns/current/route.ts',
    { GET: { expect: everyone('ok'), call: async () => (await import('@/app/api/campaigns/current/route')).GET() } },
  ],
  [
    'app/api/account/supporter-wall/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () =>
          (await import('@/app/api/account/supporter-wall/route')).POST(postJson('/api/account/supporter-wall', { optIn: false })),
      },
    },
  ],
  [
    'app/desk/campaigns/actions.ts',
    {
      createCampaignAction: {
        expect: editors,
        call: async () => (await import('@/app/desk/campaigns/actions')).createCampaignAction({}, fd({ title: '' })),
      },
    },
  ],
  // Pay it forward (issue #15): the page is public; contributing and applying need a session (refused inputs change nothing); admins grant.
  page('app/[locale]/(site)/pay-it-forward/page.tsx', () => sp(), everyone('ok')),
  page('app/desk/pay-it-forward/page.tsx', () => ({}), admins),
  [
    'app/api/pay-it-forward/contribute/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () =>
          (await import('@/app/api/pay-it-forward/contribute/route')).POST(
            postJson('/api/pay-it-forward/contribute', { amount: 0, currency: 'usd' }),
          ),
      },
    },
  ],
  [
    'app/api/pay-it-forward/apply/route.ts',
    {
      POST: {
        expect: signedIn,
        call: async () =>
          (await import('@/app/api/pay-it-forward/apply/route')).POST(postJson('/api/pay-it-forward/apply', { reason: 'short' })),
      },
    },
  ],
  [
    'app/desk/pay-it-forward/actions.ts',
    {
      grantAction: {
        expect: admins,
        call: async () =>
          (await import('@/app/desk/pay-it-forward/actions')).grantAction(
            {},
            fd({ applicationId: 'no-such-application', tierId: 'x', months: '6', currency: 'usd' }),
          ),
      },
      declineAction: {
        expect: admins,
        call: async () =>
          (await import('@/app/desk/pay-it-forward/actions')).declineAction({}, fd({ applicationId: 'no-such-application' })),
      },
    },
  ],
  [
    'app/desk/referrals/actions.ts',
    {
      saveReferralSettingsAction: {
        expect: admins,
        call: async () => (await import('@/app/desk/referrals/actions')).saveReferralSettingsAction({}, fd({})),
      },
    },
  ],
  [
    'app/desk/retention/actions.ts',
    {
      saveRetentionAction: {
        expect: admins,
        call: async () => (await import('@/app/desk/retention/actions')).saveRetentionAction({}, fd({ pauseMaxMonths: '9' })),
      },
    },
  ],
] as [string, Record<string, Row>][]);

// ---- what is on disk ----

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function appFiles(): string[] {
  return fs
    .readdirSync(path.join(root, 'app'), { recursive: true, encoding: 'utf8' })
    .map((f) => path.join('app', f).split(path.sep).join('/'))
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f));
}

/** file → the exports the matrix must cover. */
function discovered(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of appFiles()) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    if (/\/page\.tsx?$/.test(file)) out.set(file, ['default']);
    else if (/\/route\.tsx?$/.test(file)) {
      const methods = HTTP_METHODS.filter((m) => new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b`).test(text));
      out.set(file, methods);
    } else if (/^\s*(['"])use server\1/.test(text)) {
      out.set(
        file,
        [...text.matchAll(/export\s+async\s+function\s+(\w+)/g)].map((m) => m[1]!),
      );
    }
  }
  return out;
}

// ---- running a row ----

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome | string> {
  try {
    const result = await call();
    if (result instanceof Response) {
      if (result.status === 401) return 'signin';
      if (result.status === 403) return 'forbidden';
      if (result.status === 404) return 'notfound';
      if (result.status >= 500) return `status ${result.status}`;
      return 'ok';
    }
    return 'ok';
  } catch (err) {
    const digest = (err as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) {
      const to = digest.split(';')[2] ?? '';
      if (to.startsWith('/signin')) return 'signin';
      if (to.startsWith('/forbidden')) return 'forbidden';
      return 'ok';
    }
    if (digest.includes('403')) return 'forbidden';
    if (digest.includes('401')) return 'signin';
    if (digest.includes('404')) return 'notfound';
    return `threw ${(err as Error).message}`;
  }
}

let sessions: Record<Who, { id: string; email: string; role: string } | null>;
let ids: Ids;

beforeAll(async () => {
  const p = db.prisma;
  const reader = await makeUser(p);
  const patron = await makePatron(p);
  const lapsed = await makeUser(p);
  await addSubscription(p, lapsed.id, 'lapsed');
  const editor = await makeUser(p, { role: 'EDITOR' });
  const admin = await makeUser(p, { role: 'ADMIN' });
  const s = (u: { id: string; email: string }, role: string) => ({ id: u.id, email: u.email, role });
  sessions = {
    anonymous: null,
    reader: s(reader, 'READER'),
    patron: s(patron, 'READER'),
    lapsed: s(lapsed, 'READER'),
    editor: s(editor, 'EDITOR'),
    admin: s(admin, 'ADMIN'),
  };
  const round = await makeRound(p);
  const topic = await p.topic.create({
    data: { roundId: round.id, title: 'A commissioned topic', status: 'COMMISSIONED', stage: 'COMMISSIONED' },
  });
  ids = { member: patron.id, round: round.id, roundSlug: round.slug, topic: topic.id };
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
});
afterAll(() => setSessionLookupForTesting(undefined));

describe('authorization matrix', () => {
  it('has exactly one row per page, route method and server action under app/', () => {
    const onDisk = [...discovered()].flatMap(([file, names]) => names.map((n) => `${file} ${n}`)).sort();
    const inTable = Object.entries(MATRIX)
      .flatMap(([file, rows]) => Object.keys(rows).map((n) => `${file} ${n}`))
      .sort();
    expect(
      onDisk.filter((x) => !inTable.includes(x)),
      'pages, routes or actions without a row in MATRIX',
    ).toEqual([]);
    expect(
      inTable.filter((x) => !onDisk.includes(x)),
      'MATRIX rows for files or exports that do not exist',
    ).toEqual([]);
    // The finder sees all three kinds (self-test).
    expect(onDisk).toEqual(
      expect.arrayContaining(['app/desk/page.tsx default', 'app/api/votes/route.ts POST', 'app/desk/team/actions.ts teamAction']),
    );
    // Only next-auth's GET cannot be called in-process.
    expect(
      Object.entries(MATRIX).flatMap(([file, rows]) =>
        Object.entries(rows)
          .filter(([, r]) => !r.call)
          .map(([n]) => `${file} ${n}`),
      ),
    ).toEqual(['app/api/auth/[...nextauth]/route.ts GET']);
  });

  it('every entry answers each role as the table says', async () => {
    const mismatches: string[] = [];
    for (const [file, rows] of Object.entries(MATRIX)) {
      for (const [name, row] of Object.entries(rows)) {
        const call = row.call;
        if (!call) continue;
        for (const who of WHO) {
          const session = sessions[who];
          setSessionLookupForTesting(async () => (session ? { user: session } : null));
          const got = await outcomeOf(() => call(ids));
          if (got !== row.expect[who]) mismatches.push(`${file} ${name} as ${who}: expected ${row.expect[who]}, got ${got}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
