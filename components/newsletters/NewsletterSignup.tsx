import { NewsletterSignupForm, type SignupNewsletter } from './NewsletterSignupForm';
import styles from './newsletters.module.css';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { readerNewsletter } from '@/lib/newsletters/localized';

export type NewsletterSignupProps = {
  /** The free newsletters (audience: everyone), read when the page is rendered. */
  newsletters: (SignupNewsletter & { translations?: unknown })[];
  /** Which slot: recorded with the sign-up (the dashboard's confirmation rate counts these). */
  source: 'end-of-article' | 'home' | 'footer';
  compact?: boolean;
  /** The page's language (names, descriptions and the form's sentences). */
  locale?: Locale;
};

/**
 * The newsletter slot: at the end of articles, on the home page and in the footer. It renders the
 * same for every reader (article pages stay statically cached): the form posts to
 * /api/newsletters/subscribe, and the answer (the same whether or not the address was on the list)
 * is shown by the form's script, or on /newsletters/thanks without JavaScript.
 */
export function NewsletterSignup({ newsletters: all, source, compact = false, locale = DEFAULT_LOCALE }: NewsletterSignupProps) {
  if (!all.length) return null;
  const t = translator(locale, 'newsletters.signup');
  const newsletters = all.map(({ slug, name, description, cadence, translations }) =>
    readerNewsletter({ slug, name, description, cadence, translations }, locale),
  );
  const headingId = `newsletter-${source}-title`;
  return (
    <aside className={compact ? `${styles.slot} ${styles.compact}` : styles.slot} aria-labelledby={headingId} data-newsletter-slot={source}>
      <h2 id={headingId} className={styles.heading}>
        {newsletters.length === 1 ? t('headingOne', { name: newsletters[0]!.name }) : t('headingMany')}
      </h2>
      {!compact && newsletters.length === 1 ? <p className={styles.description}>{newsletters[0]!.description}</p> : null}
      <NewsletterSignupForm newsletters={newsletters} source={source} />
    </aside>
  );
}
