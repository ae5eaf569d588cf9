import Link from 'next/link';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

/** "Commissioned by N patrons" on an article page; links to the round. Props from `commissionedMarkForArticle`. */
export function CommissionedMark({
  count,
  roundSlug,
  roundTitle,
  locale = 'en',
}: {
  count: number;
  roundSlug: string;
  roundTitle: string;
  locale?: Locale;
}) {
  if (!Number.isFinite(count) || count < 1) return null;
  const t = translator(locale, 'reading.round');
  return (
    <p className="commissioned-mark" data-round={roundSlug}>
      <Link href={localePath(locale, `/topics/${encodeURIComponent(roundSlug)}`)} title={t('commissionedTitle', { title: roundTitle })}>
        {t('commissioned', { count })}
      </Link>
    </p>
  );
}
