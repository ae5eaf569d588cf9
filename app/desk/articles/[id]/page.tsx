import { localePath, toLocale } from '@/lib/i18n/locales';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { deskFormOptions, getDeskArticle } from '@/lib/articles/desk-queries';
import { ArticleForm } from '../ArticleForm';
import { unpublishArticleAction } from '../actions';
import styles from '../../desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';
import { ActionOutcome } from '@/components/staff/ActionOutcome';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.articles.edit.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function EditArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  await requireRole('EDITOR', { callbackUrl: `/desk/articles/${encodeURIComponent(id)}` });
  const sp = await searchParams;
  if (id.length > 100) notFound();
  const [article, { sections, authors }] = await Promise.all([getDeskArticle(id), deskFormOptions()]);
  if (!article) notFound();
  const done = first(sp.done)?.slice(0, 200);
  const failed = first(sp.failed)?.slice(0, 200);
  const t = await staffTranslator('desk.articles');
  return (
    <main>
      <p>
        <Link href="/desk">{t('edit.back')}</Link>
      </p>
      <h1>{t('edit.title')}</h1>
      <p>
        {t('edit.status')} <strong data-testid="article-status">{t(`edit.statusText.${article.status}`)}</strong>
        {article.status === 'SCHEDULED' && article.publishedAt ? (
          <>
            {' '}
            {t('edit.scheduledFor')} <time dateTime={article.publishedAt.toISOString()}>{formatIsoMinute(article.publishedAt)} UTC</time>
          </>
        ) : null}
        {article.status === 'PUBLISHED' ? (
          <>
            {' '}
            · <Link href={localePath(toLocale(article.locale), `/articles/${article.slug}`)}>{t('edit.view')}</Link>
          </>
        ) : null}
      </p>
      <ActionOutcome done={done} failed={failed} styles={styles} />
      <ArticleForm
        key={`${article.id}-${article.updatedAt.getTime()}`}
        id={article.id}
        status={article.status}
        scheduledAtIso={article.status === 'SCHEDULED' ? article.publishedAt?.toISOString() : null}
        sections={sections}
        authors={authors}
        initial={{
          title: article.title,
          slug: article.slug,
          standfirst: article.standfirst,
          body: article.body,
          sectionId: article.sectionId,
          authorIds: article.authors.map((a) => a.authorId),
          tags: article.tags.map((t) => t.tag.name).join(', '),
          heroImageUrl: article.heroImageUrl ?? '',
          heroImageAlt: article.heroImageAlt ?? '',
          locale: article.locale,
          translationOf: article.translationOf?.slug ?? '',
          publishAt: '',
          tzOffset: '',
        }}
      />
      {article.status !== 'DRAFT' ? (
        <form action={unpublishArticleAction} style={{ marginTop: 24 }}>
          <input type="hidden" name="id" value={article.id} />
          <button type="submit" className={styles.danger}>
            {t('edit.unpublish')}
          </button>
        </form>
      ) : null}
    </main>
  );
}
