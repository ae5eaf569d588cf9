import { requireRole } from '@/lib/auth/session';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { deskFormOptions } from '@/lib/articles/desk-queries';
import { ArticleForm } from '../ArticleForm';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.articles.new.title');

export default async function NewArticlePage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/articles/new' });
  const { sections, authors } = await deskFormOptions();
  const t = await staffTranslator('desk.articles');
  return (
    <main>
      <h1>{t('new.title')}</h1>
      <ArticleForm
        status="DRAFT"
        sections={sections}
        authors={authors}
        initial={{
          title: '',
          slug: '',
          standfirst: '',
          body: '',
          sectionId: '',
          authorIds: [],
          tags: '',
          heroImageUrl: '',
          heroImageAlt: '',
          publishAt: '',
          tzOffset: '',
        }}
      />
    </main>
  );
}
