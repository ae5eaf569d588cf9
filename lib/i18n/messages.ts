/**
 * The message catalogues: one JSON file per namespace and language under messages/<locale>/. English
 * is the reference: its shape types every key (tsc fails on a key that does not exist), and
 * lib/i18n/catalogue.test.ts fails when Ukrainian lacks a key English has, or a key is never used.
 *
 * To add a namespace: create messages/en/<ns>.json and messages/uk/<ns>.json, import both below, and
 * add <ns> (or the part of it they read, "<ns>.<group>") to CLIENT_NAMESPACES (lib/i18n/client-messages.ts)
 * if client components on every reader page read it (only those reach the browser, in its JavaScript),
 * else send it with the page that needs it (components/i18n/PageMessages).
 */
import type { NamespaceKeys, NestedKeyOf } from 'next-intl';
import { CLIENT_NAMESPACES, pickMessages, type PartialMessages } from './client-messages';
import type { Locale } from './locales';
import enA11y from '@/messages/en/a11y.json';
import ukA11y from '@/messages/uk/a11y.json';
import enCommon from '@/messages/en/common.json';
import ukCommon from '@/messages/uk/common.json';
import enAccount from '@/messages/en/account.json';
import enCta from '@/messages/en/cta.json';
import enEmail from '@/messages/en/email.json';
import enFormat from '@/messages/en/format.json';
import enGifts from '@/messages/en/gifts.json';
import enMembership from '@/messages/en/membership.json';
import enNewsletters from '@/messages/en/newsletters.json';
import enReading from '@/messages/en/reading.json';
import enRetention from '@/messages/en/retention.json';
import enSignin from '@/messages/en/signin.json';
import enVoting from '@/messages/en/voting.json';
import ukAccount from '@/messages/uk/account.json';
import ukCta from '@/messages/uk/cta.json';
import ukEmail from '@/messages/uk/email.json';
import ukFormat from '@/messages/uk/format.json';
import ukGifts from '@/messages/uk/gifts.json';
import ukMembership from '@/messages/uk/membership.json';
import ukNewsletters from '@/messages/uk/newsletters.json';
import ukReading from '@/messages/uk/reading.json';
import ukRetention from '@/messages/uk/retention.json';
import ukSignin from '@/messages/uk/signin.json';
import ukVoting from '@/messages/uk/voting.json';
// Staff areas (desk, dashboard): their language is the staff member's (lib/i18n/staff-locale.ts).
import enStaff from '@/messages/en/staff.json';
import enDesk from '@/messages/en/desk.json';
import enDeskAudience from '@/messages/en/deskAudience.json';
import enDashboard from '@/messages/en/dashboard.json';
import ukStaff from '@/messages/uk/staff.json';
import ukDesk from '@/messages/uk/desk.json';
import ukDeskAudience from '@/messages/uk/deskAudience.json';
import ukDashboard from '@/messages/uk/dashboard.json';

const en = {
  a11y: enA11y,
  account: enAccount,
  common: enCommon,
  cta: enCta,
  email: enEmail,
  format: enFormat,
  gifts: enGifts,
  membership: enMembership,
  newsletters: enNewsletters,
  reading: enReading,
  retention: enRetention,
  signin: enSignin,
  voting: enVoting,
  staff: enStaff,
  desk: enDesk,
  deskAudience: enDeskAudience,
  dashboard: enDashboard,
};

export type Messages = typeof en;
export type NamespaceName = keyof Messages;

/** Deep string shape of English: every other language must have the same keys. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const uk: Shape<Messages> = {
  a11y: ukA11y,
  account: ukAccount,
  common: ukCommon,
  cta: ukCta,
  email: ukEmail,
  format: ukFormat,
  gifts: ukGifts,
  membership: ukMembership,
  newsletters: ukNewsletters,
  reading: ukReading,
  retention: ukRetention,
  signin: ukSignin,
  voting: ukVoting,
  staff: ukStaff,
  desk: ukDesk,
  deskAudience: ukDeskAudience,
  dashboard: ukDashboard,
};

const CATALOGUES: Readonly<Record<Locale, Shape<Messages>>> = { en, uk };

/** A namespace ("cta") or a group of messages in one ("common.account"): what useTranslations() binds to. */
export type MessagePath = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

export { CLIENT_NAMESPACES } from './client-messages';

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale] as Messages;
}

/** The part of a catalogue client components read (CLIENT_NAMESPACES unless told): see lib/i18n/client-messages.ts. */
export function clientMessages(locale: Locale, paths: readonly MessagePath[] = CLIENT_NAMESPACES): PartialMessages {
  return pickMessages(messagesFor(locale), paths);
}
