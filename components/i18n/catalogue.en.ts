/**
 * The client messages (CLIENT_NAMESPACES) in English, for the browser: imported only by
 * IntlProvider.en.tsx, so they are compiled into the locale layout's JavaScript (cached by the
 * browser) rather than repeated in every page's HTML.
 * components/i18n/client-messages.test.tsx checks this equals clientMessages('en'): a group added to
 * CLIENT_NAMESPACES needs its import here.
 */
import a11y from '@/messages/en/a11y.json';
import common from '@/messages/en/common.json';
import cta from '@/messages/en/cta.json';
import newsletters from '@/messages/en/newsletters.json';

// Default imports: inside Next a messages file is a module with a default export only (precompiled by
// next-intl's catalog loader; in the browser trimmed to these groups: next.config.ts).
export const messages = {
  a11y,
  common: { account: common.account, language: common.language, notFound: common.notFound },
  cta,
  newsletters: { signup: newsletters.signup },
};
