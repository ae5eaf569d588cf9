import Link from 'next/link';
import { translator } from '@/lib/i18n/translator';
import { HtmlDocument } from '@/components/HtmlDocument';

/** Rendered (status 403) when a page calls forbidden(): signed in, but without the needed role (staff areas, in English). */
export default function Forbidden() {
  const t = translator('en', 'common.forbidden');
  return (
    <HtmlDocument lang="en">
      <main style={{ maxWidth: 560, margin: '48px auto', padding: '0 16px' }}>
        <h1>{t('heading')}</h1>
        <p>{t('body')}</p>
        <p>
          <Link href="/">{t('home')}</Link> · <Link href="/signin">{t('otherAccount')}</Link>
        </p>
      </main>
    </HtmlDocument>
  );
}
