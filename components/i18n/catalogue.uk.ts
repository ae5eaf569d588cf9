/**
 * The client messages (CLIENT_NAMESPACES) in Ukrainian, for the browser: imported only by
 * IntlProvider.uk.tsx, so they are compiled into its JavaScript chunk (one per language, cached by the
 * browser) rather than repeated in every page's HTML. Named imports, so that the bundler can leave out
 * the rest of a namespace. components/i18n/client-messages.test.tsx checks this equals
 * clientMessages('uk'): a group added to CLIENT_NAMESPACES needs its import here.
 */
import a11y from '@/messages/uk/a11y.json';
import { account, language, notFound } from '@/messages/uk/common.json';
import cta from '@/messages/uk/cta.json';
import { signup } from '@/messages/uk/newsletters.json';

export const messages = { a11y, common: { account, language, notFound }, cta, newsletters: { signup } };
