/**
 * The message catalogues: one JSON file per namespace and language under messages/<locale>/. English
 * is the reference: its shape types every key (tsc fails on a key that does not exist), and
 * lib/i18n/catalogue.test.ts fails when Ukrainian lacks a key English has, or a key is never used.
 *
 * To add a namespace: create messages/en/<ns>.json and messages/uk/<ns>.json, import both below, and
 * add <ns> to CLIENT_NAMESPACES if client components read it (only those are sent to the browser).
 */
import type { Locale } from './locales';
import enCommon from '@/messages/en/common.json';
import ukCommon from '@/messages/uk/common.json';
import enAccount from '@/messages/en/account.json';
import ukAccount from '@/messages/uk/account.json';
import enFormat from '@/messages/en/format.json';
import ukFormat from '@/messages/uk/format.json';
import enGifts from '@/messages/en/gifts.json';
import ukGifts from '@/messages/uk/gifts.json';
import enMembership from '@/messages/en/membership.json';
import ukMembership from '@/messages/uk/membership.json';
import enNewsletters from '@/messages/en/newsletters.json';
import ukNewsletters from '@/messages/uk/newsletters.json';
import enRetention from '@/messages/en/retention.json';
import ukRetention from '@/messages/uk/retention.json';
import enSignin from '@/messages/en/signin.json';
import ukSignin from '@/messages/uk/signin.json';

const en = {
  account: enAccount,
  common: enCommon,
  format: enFormat,
  gifts: enGifts,
  membership: enMembership,
  newsletters: enNewsletters,
  retention: enRetention,
  signin: enSignin,
};

export type Messages = typeof en;
export type NamespaceName = keyof Messages;

/** Deep string shape of English: every other language must have the same keys. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const uk: Shape<Messages> = {
  account: ukAccount,
  common: ukCommon,
  format: ukFormat,
  gifts: ukGifts,
  membership: ukMembership,
  newsletters: ukNewsletters,
  retention: ukRetention,
  signin: ukSignin,
};

const CATALOGUES: Readonly<Record<Locale, Shape<Messages>>> = { en, uk };

/** Namespaces that client components translate: the locale layout sends only these to the browser. */
export const CLIENT_NAMESPACES = ['common'] as const satisfies readonly NamespaceName[];

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale] as Messages;
}

/** The part of a catalogue the browser needs (kept small: it rides along with every static page). */
export function clientMessages(locale: Locale, namespaces: readonly NamespaceName[] = CLIENT_NAMESPACES): Partial<Messages> {
  const all = messagesFor(locale);
  return Object.fromEntries(namespaces.map((ns) => [ns, all[ns]])) as Partial<Messages>;
}
