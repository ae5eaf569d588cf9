'use client';

import { useTranslations } from 'next-intl';

// i18n-keys: staff.common.filter staff.common.clear
export type StaffWordKey = 'filter' | 'clear';

/**
 * A fixed word of the shared staff components (FilterForm's "Filter" and "Clear"), in the staff
 * member's language: StaffShell sends the `staff` catalogue to every staff page, so the pages that
 * render these components need not pass a language.
 */
export function StaffWord({ word }: { word: StaffWordKey }) {
  const t = useTranslations('staff.common');
  return <>{t(word)}</>;
}
