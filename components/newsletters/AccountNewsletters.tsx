import type { Choice } from '@/lib/newsletters/subscriptions';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { readerNewsletter } from '@/lib/newsletters/localized';

/** /account: a signed-in reader's newsletters, ticked or not; saved by the page's server action. */
export function AccountNewsletters({
  locale,
  choices,
  isPatron,
  saved,
  action,
}: {
  locale: Locale;
  choices: Choice[];
  isPatron: boolean;
  saved: boolean;
  action: (fd: FormData) => Promise<void>;
}) {
  // i18n-keys: newsletters.account.meta newsletters.account.metaPatrons
  const t = translator(locale, 'newsletters.account');
  return (
    <section id="newsletters" aria-labelledby="newsletters-heading" data-testid="account-newsletters">
      <h2 id="newsletters-heading">{t('heading')}</h2>
      {saved ? <p role="status">{t('saved')}</p> : null}
      {choices.length ? (
        <form action={action}>
          <input type="hidden" name="locale" value={locale} />
          <ul className="plain-list">
            {choices
              .map((choice) => readerNewsletter(choice, locale))
              .map((c) => (
                <li key={c.id}>
                  <label>
                    <input type="checkbox" name="newsletter" value={c.id} defaultChecked={c.subscribed || c.pending} />{' '}
                    <strong>{c.name}</strong> {t(c.audience === 'PATRONS' ? 'metaPatrons' : 'meta', { cadence: c.cadence })}
                  </label>
                  <br />
                  <span>{c.description}</span>
                  {c.audience === 'PATRONS' && !isPatron ? <span> {t('patronOnly')}</span> : null}
                </li>
              ))}
          </ul>
          <button type="submit" className="button secondary">
            {t('save')}
          </button>
        </form>
      ) : (
        <p>{t('none')}</p>
      )}
    </section>
  );
}
