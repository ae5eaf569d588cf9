/**
 * The client messages (CLIENT_NAMESPACES) in English, for the browser: imported only by
 * IntlProvider.en.tsx, so they are compiled into its JavaScript chunk (one per language, cached by the
 * browser) rather than repeated in every page's HTML. components/i18n/client-messages.test.tsx checks
 * this equals clientMessages('en'): a namespace added to CLIENT_NAMESPACES needs its import here.
 */
import a11y from '@/messages/en/a11y.json';
import common from '@/messages/en/common.json';
import cta from '@/messages/en/cta.json';
import { CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';

export const messages = pickMessages({ a11y, common, cta }, CLIENT_NAMESPACES);
