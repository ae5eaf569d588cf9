/**
 * The client messages (CLIENT_NAMESPACES) in English, for the browser: imported only by
 * IntlProvider.en.tsx, so they are compiled into the locale layout's JavaScript (cached by the
 * browser) rather than repeated in every page's HTML (Turbopack bundles each JSON file whole).
 * components/i18n/client-messages.test.tsx checks this equals clientMessages('en'): a group added to
 * CLIENT_NAMESPACES needs its import here.
 */
import a11y from '@/messages/en/a11y.json';
import { account, language, notFound } from '@/messages/en/common.json';
import cta from '@/messages/en/cta.json';
import { signup } from '@/messages/en/newsletters.json';

export const messages = { a11y, common: { account, language, notFound }, cta, newsletters: { signup } };
