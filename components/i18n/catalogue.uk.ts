/**
 * The client messages (CLIENT_NAMESPACES) in Ukrainian, for the browser: imported only by
 * IntlProvider.uk.tsx, so they are compiled into the locale layout's JavaScript (cached by the
 * browser) rather than repeated in every page's HTML (Turbopack bundles each JSON file whole).
 * components/i18n/client-messages.test.tsx checks this equals clientMessages('uk'): a group added to
 * CLIENT_NAMESPACES needs its import here.
 */
import a11y from '@/messages/uk/a11y.json';
import { account, language, notFound } from '@/messages/uk/common.json';
import cta from '@/messages/uk/cta.json';
import { signup } from '@/messages/uk/newsletters.json';

export const messages = { a11y, common: { account, language, notFound }, cta, newsletters: { signup } };
