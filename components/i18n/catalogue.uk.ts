/**
 * The client messages (CLIENT_NAMESPACES) in Ukrainian, for the browser: imported only by
 * IntlProvider.uk.tsx, so they are compiled into its JavaScript chunk (one per language, cached by the
 * browser) rather than repeated in every page's HTML. components/i18n/client-messages.test.tsx checks
 * this equals clientMessages('uk'): a namespace added to CLIENT_NAMESPACES needs its import here.
 */
import a11y from '@/messages/uk/a11y.json';
import common from '@/messages/uk/common.json';
import cta from '@/messages/uk/cta.json';
import { CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';

export const messages = pickMessages({ a11y, common, cta }, CLIENT_NAMESPACES);
