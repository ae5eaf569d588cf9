/**
 * Access control of every /api/dashboard endpoint and /dashboard page: anonymous → 401 (API) or a
 * sign-in redirect (pages); readers, patrons and editors → 403 for admin data (editors may see the
 * topic statistics); admins → 200. Plus bad input → 4xx with a message, and the CSV's contents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement, type ComponentProps, type ReactElement } from 'react';
import { renderToStaticMarkup, renderToStaticMarkup as renderPage } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { clientMessages } from '@/lib/i18n/messages';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { makePatron, makeUser } from '@/lib/voting/testing';
import { parseCsv } from '@/lib/members/csv';
import { GET as getDashboard } from './route';
import { GET as getTopics } from './topics/route';
import { GET as getMembers } from './members/route';
import { GET as getMembersCsv } from './members.csv/route';
import { POST as postImport } from './members/import/route';
import { POST as postNote } from './members/[id]/notes/route';
import DashboardPage from '@/app/dashboard/page';
import MembersPage from '@/app/dashboard/members/page';
import MemberPage from '@/app/dashboard/members/[id]/page';
import ImportPage from '@/app/dashboard/members/import/page';

const db = setupTestDb();
type Who = { id: string; email: string; role: 'READER' | 'EDITOR' | 'ADMIN' } | null;
const as = (u: Who) => setSessionLookupForTesting(async () => (u ? { user: u } : null));
afterAll(() => setSessionLookupForTesting(undefined));

let people: Record<'anonymous' | 'reader' | 'patron' | 'editor' | 'admin', Who>;
let memberId: string;

beforeAll(async () => {
  const p = db.prisma;
  const reader = await makeUser(p);
  const patron = await makePatron(p);
  const editor = await makeUser(p, { role: 'EDITOR' });
  const admin = await makeUser(p, { role: 'ADMIN' });
  people = {
    anonymous: null,
    reader: { id: reader.id, email: reader.email, role: 'READER' },
    patron: { id: patron.id, email: patron.email, role: 'READER' },
    editor: { id: editor.id, email: editor.email, role: 'EDITOR' },
    admin: { id: admin.id, email: admin.email, role: 'ADMIN' },
  };
  memberId = patron.id;
});

const url = (path: string) => `http://patronage.test${path}`;
const csvFile = (text: string) => {
  const fd = new FormData();
  fd.set('file', new Blob([text], { type: 'text/csv' }), 'members.csv');
  return fd;
};
const endpoints: { name: string; minRole: 'EDITOR' | 'ADMIN'; call: () => Promise<Response> }[] = [
  { name: 'GET /api/dashboard', minRole: 'ADMIN', call: () => getDashboard(new Request(url('/api/dashboard?range=3m'))) },
  { name: 'GET /api/dashboard/topics', minRole: 'EDITOR', call: () => getTopics(new Request(url('/api/dashboard/topics'))) },
  { name: 'GET /api/dashboard/members', minRole: 'ADMIN', call: () => getMembers(new Request(url('/api/dashboard/members?q=example'))) },
  { name: 'GET /api/dashboard/members.csv', minRole: 'ADMIN', call: () => getMembersCsv(new Request(url('/api/dashboard/members.csv'))) },
  {
    name: 'POST /api/dashboard/members/import',
    minRole: 'ADMIN',
    call: () =>
      postImport(new Request(url('/api/dashboard/members/import'), { method: 'POST', body: csvFile('email\nfresh@access.test\n') })),
  },
  {
    name: 'POST /api/dashboard/members/:id/notes',
    minRole: 'ADMIN',
    call: () =>
      postNote(
        new Request(url(`/api/dashboard/members/${memberId}/notes`), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'Called about a refund.' }),
        }),
        {
          params: Promise.resolve({ id: memberId }),
        },
      ),
  },
];

describe('API access control', () => {
  it('answers 401 JSON when signed out, 403 below the role, 2xx at or above it', async () => {
    for (const e of endpoints) {
      for (const [who, user] of Object.entries(people)) {
        as(user);
        const res = await e.call();
        const allowed = user !== null && (user.role === 'ADMIN' || (e.minRole === 'EDITOR' && user.role === 'EDITOR'));
        const expected = user === null ? 401 : allowed ? [200, 201] : 403;
        if (Array.isArray(expected)) expect(expected, `${e.name} as ${who}: ${res.status}`).toContain(res.status);
        else expect(res.status, `${e.name} as ${who}`).toBe(expected);
        expect(res.headers.get('cache-control'), e.name).toContain('no-store');
        if (!allowed) expect((await res.json()).error, `${e.name} as ${who}`).toMatch(/Sign in|needs the (ADMIN|EDITOR) role/);
      }
    }
    // Nothing was written by the refused calls: one import (the admin's) and one note.
    expect(await db.prisma.user.count({ where: { email: 'fresh@access.test' } })).toBe(0); // the admin's call was a dry run
    expect(await db.prisma.staffNote.count({ where: { userId: memberId } })).toBe(1);
  });
});

describe('API input validation (as admin)', () => {
  beforeAll(() => as(people.admin));

  it('bad filters and parameters get a 400 with a message, never a 500', async () => {
    for (const [call, message] of [
      [() => getMembers(new Request(url('/api/dashboard/members?status=royalty'))), /Status must be one of/],
      [() => getMembersCsv(new Request(url('/api/dashboard/members.csv?joinedFrom=2026-13-01'))), /not a real date|must be a date/],
      [() => getDashboard(new Request(url('/api/dashboard?range=5y'))), /range/i],
      [() => getTopics(new Request(url('/api/dashboard/topics?from=yesterday'))), /Dates look like/],
    ] as const) {
      const res = await call();
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
    }
  });

  it('notes: 415 without JSON, 400 for an empty or over-long note, 404 for an unknown member', async () => {
    const post = (id: string, body: string, type = 'application/json') =>
      postNote(new Request(url(`/api/dashboard/members/${id}/notes`), { method: 'POST', headers: { 'content-type': type }, body }), {
        params: Promise.resolve({ id }),
      });
    expect((await post(memberId, 'hello', 'text/plain')).status).toBe(415);
    expect((await post(memberId, '{nope')).status).toBe(400);
    const empty = await post(memberId, JSON.stringify({ body: '   ' }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toBe('Write the note first.');
    expect((await post(memberId, JSON.stringify({ body: 'x'.repeat(5001) }))).status).toBe(400);
    expect((await post('nobody', JSON.stringify({ body: 'Hello' }))).status).toBe(404);
    const ok = await post(memberId, JSON.stringify({ body: '  Prefers email.  ' }));
    expect(ok.status).toBe(201);
    expect((await ok.json()).note.body).toBe('Prefers email.');
  });

  it('import: 415 without multipart, 400 without a file or with a bad mode or digest, 413 when too large, dry run then apply', async () => {
    const post = (body: FormData | string, headers: Record<string, string> = {}) =>
      postImport(new Request(url('/api/dashboard/members/import'), { method: 'POST', body, headers }));
    expect((await post('email\na@b.test', { 'content-type': 'text/csv' })).status).toBe(415);
    expect((await post(new FormData())).status).toBe(400);
    const badMode = csvFile('email\na@b.test');
    badMode.set('mode', 'yolo');
    expect((await post(badMode)).status).toBe(400);
    const noDigest = csvFile('email\na@b.test');
    noDigest.set('mode', 'apply');
    const noDigestRes = await post(noDigest);
    expect(noDigestRes.status).toBe(400);
    expect((await noDigestRes.json()).error).toMatch(/Run the dry run first/);
    const tooBig = await post(csvFile(`email\n${'someone@example.test\n'.repeat(110_000)}`));
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toMatch(/larger than 2 MB/);
    const notCsv = await post(csvFile('name\nAnn'));
    expect(notCsv.status).toBe(400);
    expect((await notCsv.json()).error).toMatch(/email/);

    const dry = await post(csvFile('email,name\nimported@access.test,Imp Orted\n'));
    expect(dry.status).toBe(200);
    const { plan } = await dry.json();
    expect(plan.rows).toMatchObject([{ line: 2, action: 'create', email: 'imported@access.test' }]);
    expect(await db.prisma.user.count({ where: { email: 'imported@access.test' } })).toBe(0);
    const apply = csvFile('email,name\nimported@access.test,Imp Orted\n');
    apply.set('mode', 'apply');
    apply.set('digest', plan.digest);
    const applied = await post(apply);
    expect(applied.status).toBe(200);
    expect((await applied.json()).result).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 0 });
    expect(await db.prisma.user.findUnique({ where: { email: 'imported@access.test' } })).toMatchObject({ name: 'Imp Orted' });
  });

  it('the CSV export holds exactly the filtered members, formula-safe', async () => {
    const p = db.prisma;
    await p.user.create({ data: { email: 'csv1@csv.test', name: '=cmd|calc' } });
    await p.user.create({ data: { email: 'csv2@csv.test', name: 'Plain, "quoted"' } });
    await p.user.create({ data: { email: 'other@elsewhere.test', name: 'Not me' } });
    const res = await getMembersCsv(new Request(url('/api/dashboard/members.csv?q=%40csv.test&sort=email&dir=asc')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header!.slice(0, 4)).toEqual(['id', 'email', 'name', 'status']);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['csv1@csv.test', "'=cmd|calc", 'none'],
      ['csv2@csv.test', 'Plain, "quoted"', 'none'],
    ]);
  });
});

/** What a page did: rendered, or which redirect / 403 it threw (Next signals both with errors carrying a digest). */
async function pageOutcome(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return 'rendered';
  } catch (err) {
    const digest = (err as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return `redirect ${digest.split(';')[2]}`;
    if (digest.includes('403')) return 'forbidden';
    if (digest.includes('404')) return 'not found';
    throw err;
  }
}

describe('page access control', () => {
  it('sends anonymous visitors to sign in, refuses non-staff (and editors outside topic statistics), renders for admins', async () => {
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
    const sp = (o: Record<string, string> = {}) => ({ searchParams: Promise.resolve(o) });
    const pages: { path: string; minRole: 'EDITOR' | 'ADMIN'; render: () => Promise<unknown> }[] = [
      { path: '/dashboard', minRole: 'EDITOR', render: () => DashboardPage(sp()) },
      { path: '/dashboard/members', minRole: 'ADMIN', render: () => MembersPage(sp({ status: 'patron' })) },
      { path: `/dashboard/members/${memberId}`, minRole: 'ADMIN', render: () => MemberPage({ params: Promise.resolve({ id: memberId }) }) },
      { path: '/dashboard/members/import', minRole: 'ADMIN', render: () => ImportPage() },
    ];
    for (const page of pages) {
      for (const [who, user] of Object.entries(people)) {
        as(user);
        const outcome = await pageOutcome(page.render);
        const allowed = user !== null && (user.role === 'ADMIN' || (page.minRole === 'EDITOR' && user.role === 'EDITOR'));
        if (user === null) expect(outcome, `${page.path} as ${who}`).toMatch(/^redirect \/signin\?callbackUrl=%2Fdashboard/);
        else expect(outcome, `${page.path} as ${who}`).toBe(allowed ? 'rendered' : 'forbidden');
      }
    }
    // Editors see the topic statistics only; admins the supporter figures too.
    as(people.editor);
    const editorView = renderToStaticMarkup((await DashboardPage(sp())) as ReactElement);
    expect(editorView).toContain('Topic statistics');
    expect(editorView).not.toMatch(/Headline figures|MRR|Active patrons/);
    as(people.admin);
    const adminView = renderToStaticMarkup((await DashboardPage(sp())) as ReactElement);
    expect(adminView).toMatch(/Headline figures[\s\S]*Active patrons[\s\S]*MRR[\s\S]*Newsletters[\s\S]*Topic rounds/);
    // Bad dashboard and member filters render a message instead of failing.
    as(people.admin);
    expect(renderToStaticMarkup((await DashboardPage(sp({ range: 'forever' }))) as ReactElement)).toMatch(
      /role="alert">The range is one of/,
    );
    expect(renderToStaticMarkup((await MembersPage(sp({ joinedFrom: 'last tuesday' }))) as ReactElement)).toMatch(
      /role="alert">“Joined from” must be a date/,
    );
    expect(await pageOutcome(() => MemberPage({ params: Promise.resolve({ id: 'no-such-member' }) }))).toBe('not found');
  });

  it('speaks the staff member’s language (their account’s, without a cookie): headings, tables, figures, dates and refusals', async () => {
    const sp = (o: Record<string, string> = {}) => ({ searchParams: Promise.resolve(o) });
    // As under StaffShell: the client components (the note form) get the staff catalogues in Ukrainian.
    const renderToStaticMarkup = (node: ReactElement) =>
      renderPage(
        createElement(
          NextIntlClientProvider,
          { locale: 'uk', messages: clientMessages('uk', ['staff', 'dashboard']), timeZone: 'UTC' } as ComponentProps<
            typeof NextIntlClientProvider
          >,
          node,
        ),
      );
    as(people.admin);
    await db.prisma.user.update({ where: { id: people.admin!.id }, data: { locale: 'uk' } });
    try {
      const dashboard = renderToStaticMarkup((await DashboardPage(sp({ range: '3m', granularity: 'month' }))) as ReactElement);
      expect(dashboard).toMatch(/<h1>Прихильники<\/h1>[\s\S]*Основні показники[\s\S]*Активні патрони[\s\S]*Раунди тем/);
      expect(dashboard).toContain('<summary>Таблиця</summary>');
      expect(dashboard).toContain('>Останні 3 місяці</option>');
      expect(dashboard).toContain('>Останні 12 місяців</option>');
      expect(dashboard).toMatch(/Показники обчислено \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} UTC/);
      expect(dashboard).not.toMatch(/Headline figures|Over time|No data in this range/);
      expect(renderToStaticMarkup((await DashboardPage(sp({ range: 'forever' }))) as ReactElement)).toContain(
        'role="alert">Проміжок може бути лише 3m, 6m, 12m або 24m. Натомість показано типовий вигляд.',
      );

      const members = renderToStaticMarkup((await MembersPage(sp({ q: 'example', sort: 'email', dir: 'asc' }))) as ReactElement);
      expect(members).toContain('<h1>Учасники</h1>');
      expect(members).toMatch(/Фільтрам відповіда(є|ють) \d+ учасник/);
      expect(members).toContain('>Фільтрувати</button>');
      expect(members).toMatch(/<td>\d{2}\.\d{2}\.\d{4}<\/td>/); // the joined day, the Ukrainian way
      expect(renderToStaticMarkup((await MembersPage(sp({ joinedFrom: 'last tuesday' }))) as ReactElement)).toContain(
        'role="alert">«Приєдналися від» має бути датою на кшталт 2026-03-01.',
      );

      // The import route answers in the same language: refusals, and each row's reasons in the dry run.
      const importCsv = (text: string) =>
        postImport(new Request(url('/api/dashboard/members/import'), { method: 'POST', body: csvFile(text) }));
      expect((await (await importCsv('name\nAnn')).json()).error).toBe(
        'Перший рядок має називати стовпці, серед них щонайменше «email» (знайдено: name).',
      );
      const { plan } = await (await importCsv('email,tier\nnobody,platinum\n')).json();
      expect(plan.rows[0].reasons).toEqual([
        '«nobody» — недійсна адреса email.',
        'Невідомий рівень «platinum» (вкажіть slug або назву рівня).',
      ]);

      const member = renderToStaticMarkup((await MemberPage({ params: Promise.resolve({ id: memberId }) })) as ReactElement);
      expect(member).toMatch(/<dt>Стан<\/dt>[\s\S]*<h2>Нотатки редакції<\/h2>/);
    } finally {
      await db.prisma.user.update({ where: { id: people.admin!.id }, data: { locale: 'en' } });
    }
  });
});
