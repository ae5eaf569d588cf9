/** The demo newsletters: seeded once however often the seed runs, named in both languages, removed alone. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { removeDemoNewsletters, seedDemoNewsletters } from './demo';
import { localizedNewsletter } from './localized';

const db = setupTestDb();

describe('demo newsletters', () => {
  it('are seeded idempotently, read in Ukrainian on /uk, and removal leaves staff newsletters alone', async () => {
    expect(await seedDemoNewsletters(db.prisma)).toBe(2);
    expect(await seedDemoNewsletters(db.prisma)).toBe(0);
    await db.prisma.newsletter.create({
      data: { slug: 'staff-made', name: 'Staff made', description: 'Ours', cadence: 'weekly', senderName: 'Desk' },
    });
    const briefing = await db.prisma.newsletter.findUniqueOrThrow({ where: { slug: 'morning-briefing' } });
    expect(localizedNewsletter(briefing, 'en').name).toBe('The Morning Briefing');
    expect(localizedNewsletter(briefing, 'uk')).toEqual({
      name: 'Ранковий огляд',
      description: 'П’ять історій, про які говорить Ріверсайд, у вашій скриньці до 7-ї ранку щобудня. Безкоштовно.',
    });
    const editor = await db.prisma.newsletter.findUniqueOrThrow({ where: { slug: 'letter-from-the-editor' } });
    expect(localizedNewsletter(editor, 'uk').name).toBe('Лист від редакторки');
    expect(await removeDemoNewsletters(db.prisma)).toBe(2);
    expect((await db.prisma.newsletter.findMany({ select: { slug: true } })).map((n) => n.slug)).toEqual(['staff-made']);
  });
});
