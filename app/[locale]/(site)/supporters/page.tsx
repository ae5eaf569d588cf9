import type { Metadata } from 'next';
import Link from 'next/link';
import { wallEntries } from '@/lib/campaigns/campaigns';
import { patronStatus } from '@/lib/billing/patron-status';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.supporters');
  return { title: t('title') };
}

/** The supporter wall (public): patrons who chose to be thanked by name, while they are patrons. */
export default async function SupportersPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.supporters');
  const entries = await wallEntries();
  const shown = [];
  for (const e of entries) if ((await patronStatus(e.userId)).isPatron) shown.push(e);
  return (
    <div className="container">
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      {shown.length ? (
        <ul data-testid="supporter-wall">
          {shown.map((e) => (
            <li key={e.userId}>{e.displayName}</li>
          ))}
        </ul>
      ) : (
        <p>{t('none')}</p>
      )}
      <p>
        <Link href={localePath(locale, '/support')}>{t('become')}</Link>
      </p>
    </div>
  );
}
