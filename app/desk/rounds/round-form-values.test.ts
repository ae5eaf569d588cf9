import { afterEach, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { makeUser } from '@/lib/voting/testing';
import { createRound } from '@/lib/voting/rounds';
import { roundValues } from './round-form-values';

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const fields = {
  title: 'Spring round',
  description: '',
  slug: '',
  votesPerPatron: '3',
  suggestionsPerPatron: '2',
  resultsVisibility: 'LIVE',
};

describe('desk round form', () => {
  const db = setupTestDb();
  afterEach(() => {
    delete process.env.SITE_TIMEZONE;
  });

  it('a round spanning the Europe DST change opens and closes at the hours typed (per-field offset)', async () => {
    process.env.SITE_TIMEZONE = 'Europe/Berlin';
    const values = roundValues(form({ ...fields, opensAt: '2027-03-20T10:00', closesAt: '2027-04-03T10:00' }));
    expect(values.opensAt.toISOString()).toBe('2027-03-20T09:00:00.000Z');
    expect(values.closesAt.toISOString()).toBe('2027-04-03T08:00:00.000Z');

    const editor = await makeUser(db.prisma, { role: 'EDITOR' });
    const round = await createRound({ id: editor.id, role: 'EDITOR' }, values);
    const stored = await db.prisma.round.findUniqueOrThrow({ where: { id: round.id } });
    expect(stored.opensAt.toISOString()).toBe('2027-03-20T09:00:00.000Z');
    expect(stored.closesAt.toISOString()).toBe('2027-04-03T08:00:00.000Z');
  });

  it('an unreadable time is refused with the field named, and nothing is stored', async () => {
    const editor = await makeUser(db.prisma, { role: 'EDITOR' });
    const before = await db.prisma.round.count();
    const values = roundValues(form({ ...fields, opensAt: '2027-02-31T10:00', closesAt: '' }));
    await expect(createRound({ id: editor.id, role: 'EDITOR' }, values)).rejects.toMatchObject({
      code: 'INVALID',
      fieldErrors: { opensAt: 'Opens at must be a valid date and time', closesAt: 'Closes at must be a valid date and time' },
    });
    expect(await db.prisma.round.count()).toBe(before);
  });
});
