import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { say, sayInEnglish } from '@/lib/i18n/sentence';
import { applyImport, IMPORT_MAX_BYTES, ImportError, parseImportCsv, planImport } from './member-import';

const db = setupTestDb();

async function refusal(fn: () => unknown): Promise<ImportError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error('expected an ImportError');
}

describe('parseImportCsv', () => {
  it('reads the columns in any order and case, trimming values and lower-casing emails', () => {
    expect(parseImportCsv('Stripe Customer ID,EMAIL,name\r\n cus_A1 , Ann@Example.TEST ,"Ann, the first"\r\n,bo@example.test,\n')).toEqual([
      { line: 2, email: 'ann@example.test', name: 'Ann, the first', tier: '', stripeCustomerId: 'cus_A1' },
      { line: 3, email: 'bo@example.test', name: '', tier: '', stripeCustomerId: '' },
    ]);
  });

  it('refuses files it cannot import, with a reason', async () => {
    expect((await refusal(() => parseImportCsv(''))).message).toMatch(/empty/);
    expect((await refusal(() => parseImportCsv('name,tier\nAnn,friend'))).message).toMatch(/at least “email”/);
    expect((await refusal(() => parseImportCsv('email,phone\na@x.test,1'))).message).toMatch(/Unknown column: phone/);
    expect((await refusal(() => parseImportCsv('email,Email\na@x.test,b@x.test'))).message).toMatch(/appears twice/);
    expect((await refusal(() => parseImportCsv('email\n'))).message).toMatch(/no rows/);
    expect((await refusal(() => parseImportCsv('email\n"a@x.test'))).message).toMatch(/not valid CSV.*never closed/);
    const big = await refusal(() => parseImportCsv(`email\n${'a@x.test\n'.repeat(IMPORT_MAX_BYTES / 9 + 10)}`));
    expect(big.status).toBe(413);
    expect(big.message).toMatch(/larger than 2 MB/);
  });

  it('says its refusals in the staff member’s language', async () => {
    expect(errorMessageIn(await refusal(() => parseImportCsv('email,phone,fax\na@x.test,1,2')), 'uk')).toBe(
      'Невідомі стовпці: phone, fax. Використовуйте email, name, tier, stripe_customer_id.',
    );
    expect(errorMessageIn(await refusal(() => parseImportCsv('email\n"a@x.test')), 'uk')).toBe(
      'Файл не є коректним CSV. Рядок 2: поле в лапках ніде не закрито.',
    );
    expect(errorMessageIn(await refusal(() => parseImportCsv('email\n')), 'en')).toBe('The file has a header but no rows.');
  });
});

describe('planImport and applyImport', () => {
  it('plans each row (create, update which fields, unchanged, errors with reasons), writes nothing, then applies exactly that', async () => {
    const p = db.prisma;
    const friend = await p.tier.create({ data: { slug: 'friend', name: 'Friend' } });
    const champion = await p.tier.create({ data: { slug: 'champion', name: 'Champion of the Press' } });
    const same = await p.user.create({ data: { email: 'same@import.test', name: 'Same', importedTierId: friend.id } });
    await p.stripeCustomer.create({ data: { userId: same.id, customerId: 'cus_same' } });
    const rename = await p.user.create({ data: { email: 'rename@import.test', name: 'Old Name' } });
    const taken = await p.user.create({ data: { email: 'taken@import.test' } });
    await p.stripeCustomer.create({ data: { userId: taken.id, customerId: 'cus_taken' } });

    const csv = [
      'email,name,tier,stripe_customer_id',
      'new@import.test,New Person,friend,cus_new1', // 2 create
      'same@import.test,Same,Friend,cus_same', // 3 unchanged (tier by name)
      'RENAME@import.test,New Name,champion of the press,cus_rename', // 4 update name, tier, customer
      'not-an-email,X,,', // 5 bad email
      'who@import.test,Who,platinum,', // 6 unknown tier
      'thief@import.test,Thief,,cus_taken', // 7 customer linked to someone else
      'new@import.test,Again,,', // 8 duplicate of line 2
      'twin@import.test,Twin,,cus_new1', // 9 same customer as line 2
      'taken@import.test,,,cus_other', // 10 member already linked to another customer
      'bare@import.test,,,', // 11 create, email only
      'bad@import.test,,,acct_123', // 12 not a customer id
    ].join('\n');
    const rows = parseImportCsv(csv);
    const before = await p.user.count();
    const plan = await planImport(rows);
    const byLine = new Map(plan.rows.map((r) => [r.line, r]));
    expect(byLine.get(2)).toMatchObject({
      action: 'create',
      changes: ['new member', 'name', 'tier', 'stripe customer'],
      tierId: friend.id,
    });
    expect(byLine.get(3)).toMatchObject({ action: 'unchanged', userId: same.id });
    expect(byLine.get(4)).toMatchObject({
      action: 'update',
      userId: rename.id,
      changes: ['name', 'tier', 'stripe customer'],
      tierId: champion.id,
    });
    const reasons = (line: number) => {
      const r = byLine.get(line)!;
      return r.action === 'error' ? r.reasons.map(sayInEnglish).join(' ') : `not an error: ${r.action}`;
    };
    expect(reasons(5)).toMatch(/“not-an-email” is not a valid email address/);
    expect(reasons(6)).toMatch(/Unknown tier “platinum”/);
    expect(reasons(7)).toMatch(/cus_taken is already linked to taken@import.test/);
    expect(reasons(8)).toMatch(/Duplicate row: new@import.test is already on line 2/);
    expect(reasons(9)).toMatch(/cus_new1 is also given to new@import.test on line 2/);
    expect(reasons(10)).toMatch(/taken@import.test is already linked to Stripe customer cus_taken/);
    expect(byLine.get(11)).toMatchObject({ action: 'create', changes: ['new member'] });
    expect(reasons(12)).toMatch(/not a Stripe customer id/);
    const tierReason = byLine.get(6)!;
    expect(tierReason.action === 'error' ? tierReason.reasons.map((r) => say('uk', r)) : []).toContain(
      'Невідомий рівень «platinum» (вкажіть slug або назву рівня).',
    );
    expect(plan.counts).toEqual({ create: 2, update: 1, unchanged: 1, error: 7 });
    // The dry run wrote nothing.
    expect(await p.user.count()).toBe(before);
    expect((await p.user.findUnique({ where: { id: rename.id } }))!.name).toBe('Old Name');

    // A stale digest is refused and writes nothing.
    const stale = await refusal(() => applyImport(rows, '0'.repeat(32)));
    expect(stale.status).toBe(409);
    expect(await p.user.count()).toBe(before);

    const now = new Date('2026-05-01T10:00:00Z');
    expect(await applyImport(rows, plan.digest, now)).toEqual({ created: 2, updated: 1, unchanged: 1, skipped: 7 });
    expect(await p.user.count()).toBe(before + 2);
    const created = await p.user.findUnique({ where: { email: 'new@import.test' }, include: { stripeCustomer: true } });
    expect(created).toMatchObject({
      name: 'New Person',
      importedAt: now,
      importedTierId: friend.id,
      stripeCustomer: { customerId: 'cus_new1' },
    });
    expect(await p.user.findUnique({ where: { email: 'bare@import.test' } })).toMatchObject({
      name: null,
      importedAt: now,
      importedTierId: null,
    });
    const renamed = await p.user.findUnique({ where: { id: rename.id }, include: { stripeCustomer: true } });
    expect(renamed).toMatchObject({
      name: 'New Name',
      importedAt: now,
      importedTierId: champion.id,
      stripeCustomer: { customerId: 'cus_rename' },
    });
    expect((await p.user.findUnique({ where: { id: same.id } }))!.importedAt).toBeNull(); // unchanged rows are left alone
    expect(await p.user.findUnique({ where: { email: 'who@import.test' } })).toBeNull(); // error rows skipped
    expect((await p.stripeCustomer.findUnique({ where: { customerId: 'cus_taken' } }))!.userId).toBe(taken.id);

    // Running the same file again: the plan changed (now unchanged rows), so the old digest is refused…
    expect((await refusal(() => applyImport(rows, plan.digest))).status).toBe(409);
    // …and a new dry run shows nothing left to do.
    expect((await planImport(rows)).counts).toMatchObject({ create: 0, update: 0, unchanged: 4 });
  });

  it('refuses a plan that went stale between the dry run and apply', async () => {
    const p = db.prisma;
    const rows = parseImportCsv('email,stripe_customer_id\nfirst@atomic.test,cus_atomic1\nsecond@atomic.test,cus_atomic2');
    const plan = await planImport(rows);
    // Between the dry run and apply someone else takes the second customer id: the plan changes, nothing is written.
    const other = await p.user.create({ data: { email: 'other@atomic.test' } });
    await p.stripeCustomer.create({ data: { userId: other.id, customerId: 'cus_atomic2' } });
    expect((await refusal(() => applyImport(rows, plan.digest))).status).toBe(409);
    expect(await p.user.findUnique({ where: { email: 'first@atomic.test' } })).toBeNull();
  });

  it('is all or nothing: a failure mid-way leaves no row written', async () => {
    const p = db.prisma;
    // The database itself refuses one row, after the first was written inside the transaction.
    await p.$executeRawUnsafe(
      `CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW.email = 'boom@atomic.test' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await p.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      const rows = parseImportCsv('email,name\nfine@atomic.test,Fine\nboom@atomic.test,Boom');
      const plan = await planImport(rows);
      expect(plan.counts.create).toBe(2);
      await expect(applyImport(rows, plan.digest)).rejects.toThrow(/boom/);
      expect(await p.user.findUnique({ where: { email: 'fine@atomic.test' } })).toBeNull();
    } finally {
      await p.$executeRawUnsafe(`DROP TRIGGER refuse_boom ON "User"`);
    }
  });

  it('applies thousands of rows in one go', async () => {
    const p = db.prisma;
    const n = 3000;
    const csv = [
      'email,name,stripe_customer_id',
      ...Array.from({ length: n }, (_, i) => `bulk${i}@bulk.test,Bulk ${i},${i % 2 ? `cus_bulk${i}` : ''}`),
    ].join('\n');
    const rows = parseImportCsv(csv);
    const plan = await planImport(rows);
    expect(plan.counts).toMatchObject({ create: n, error: 0 });
    expect(await applyImport(rows, plan.digest)).toMatchObject({ created: n });
    expect(await p.user.count({ where: { email: { endsWith: '@bulk.test' } } })).toBe(n);
    expect(await p.stripeCustomer.count({ where: { customerId: { startsWith: 'cus_bulk' } } })).toBe(n / 2);
    expect(
      await p.stripeCustomer.findUnique({ where: { customerId: 'cus_bulk2999' }, select: { user: { select: { email: true } } } }),
    ).toEqual({ user: { email: 'bulk2999@bulk.test' } });
  });
});
