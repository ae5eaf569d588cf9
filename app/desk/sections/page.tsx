import { requireRole } from '@/lib/auth/session';
import { listSectionsForDesk } from '@/lib/articles/sections';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { SectionForm } from './SectionForm';
import styles from '../desk.module.css';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.sections.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The sections readers browse by: their names and descriptions in every language. */
export default async function DeskSectionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireRole('EDITOR', { callbackUrl: '/desk/sections' });
  const t = await staffTranslator('desk.sections');
  const [sections, sp] = await Promise.all([listSectionsForDesk(), searchParams]);
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <ActionOutcome done={first(sp.done)} styles={styles} />
      {sections.length === 0 ? <p>{t('none')}</p> : null}
      {sections.map((s) => (
        <SectionForm
          key={s.id}
          section={{ id: s.id, slug: s.slug, name: s.name, description: s.description, translations: s.translations }}
        />
      ))}
    </main>
  );
}
