'use server';

import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { revalidateReaderPath } from '@/lib/articles/revalidate';
import { SectionError, updateSection } from '@/lib/articles/sections';
import { errorMessageIn, fieldErrorsIn } from '@/lib/errors/domain-error';
import { translationsFromForm } from '@/lib/i18n/content';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

export type SectionFormState = { errors: Record<string, string>; message: string | null };

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : '';
};

/** Saves one section's names; the navigation on every reader page shows them, so every page is refreshed. */
export async function saveSectionAction(_prev: SectionFormState, fd: FormData): Promise<SectionFormState> {
  await requireRole('EDITOR', { callbackUrl: '/desk/sections' });
  const id = str(fd, 'id').slice(0, 100);
  try {
    await updateSection(id, {
      name: str(fd, 'name'),
      description: str(fd, 'description'),
      translations: translationsFromForm(fd, ['name', 'description']),
    });
  } catch (err) {
    if (!(err instanceof SectionError)) throw err;
    const locale = await staffLocale();
    return { errors: fieldErrorsIn(err, locale), message: errorMessageIn(err, locale) };
  }
  revalidateReaderPath('/', 'layout');
  const t = await staffTranslator('desk.sections');
  redirect(`/desk/sections?${new URLSearchParams({ done: t('saved') })}`);
}
