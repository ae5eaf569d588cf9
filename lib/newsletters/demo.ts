/**
 * The demo newsroom's newsletters: a free daily briefing and the editor's letter to patrons. Fixed
 * ids (prefix "demo_newsletter_"), so seeding is idempotent and removal deletes them and only them.
 * Each has its Ukrainian name and description (what /uk readers see).
 */
import type { PrismaClient } from '@/lib/generated/prisma/client';

export const DEMO_NEWSLETTER_PREFIX = 'demo_newsletter_';

export const DEMO_NEWSLETTERS = [
  {
    id: `${DEMO_NEWSLETTER_PREFIX}briefing`,
    slug: 'morning-briefing',
    name: 'The Morning Briefing',
    description: 'The five stories Riverside is talking about, in your inbox before 7 a.m. every weekday. Free.',
    cadence: 'daily',
    audience: 'EVERYONE' as const,
    senderName: 'The Riverside Ledger',
    translations: {
      uk: {
        name: 'Ранковий огляд',
        description: 'П’ять історій, про які говорить Ріверсайд, у вашій скриньці до 7-ї ранку щобудня. Безкоштовно.',
      },
    },
  },
  {
    id: `${DEMO_NEWSLETTER_PREFIX}editor`,
    slug: 'letter-from-the-editor',
    name: 'Letter from the Editor',
    description:
      'Once a month, our editor writes to patrons: what we are working on, what your votes changed, and what the money paid for.',
    cadence: 'monthly',
    audience: 'PATRONS' as const,
    senderName: 'Maya Okafor, Editor',
    translations: {
      uk: {
        name: 'Лист від редакторки',
        description: 'Раз на місяць наша редакторка пише патронам: над чим ми працюємо, що змінили ваші голоси і на що пішли гроші.',
      },
    },
  },
];

export async function seedDemoNewsletters(prisma: PrismaClient): Promise<number> {
  const r = await prisma.newsletter.createMany({ data: DEMO_NEWSLETTERS, skipDuplicates: true });
  return r.count;
}

export async function removeDemoNewsletters(prisma: PrismaClient): Promise<number> {
  return (await prisma.newsletter.deleteMany({ where: { id: { startsWith: DEMO_NEWSLETTER_PREFIX } } })).count;
}
