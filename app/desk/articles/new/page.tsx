import { requireRole } from '@/lib/auth/session';
import { deskFormOptions } from '@/lib/articles/desk-queries';
import { ArticleForm } from '../ArticleForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New article' };

export default async function NewArticlePage() {
  await requireRole('EDITOR', { callbackUrl: '/desk/articles/new' });
  const { sections, authors } = await deskFormOptions();
  return (
    <main>
      <h1>New article</h1>
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
