'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { InputField } from '@/components/staff/Field';
import { TranslationFields } from '@/components/staff/TranslationFields';
import { saveSectionAction, type SectionFormState } from './actions';
import styles from '../desk.module.css';

type Section = { id: string; slug: string; name: string; description: string; translations: unknown };

/** One section's name and description, in English and the site's other languages. */
export function SectionForm({ section }: { section: Section }) {
  const t = useTranslations('desk.sections.form');
  const [state, action, pending] = useActionState<SectionFormState, FormData>(saveSectionAction, { errors: {}, message: null });
  const e = state.errors;
  const field = (k: string) => ({ error: e[k], className: styles.field, controlClassName: styles.input, errorClassName: styles.error });
  const id = `s-${section.slug}`;
  return (
    <form action={action} className={styles.form} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {section.name} <span className={styles.hint}>/sections/{section.slug}</span>
      </h2>
      {state.message ? (
        <p className={styles.alert} role="alert">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="id" value={section.id} />
      <InputField id={`${id}-name`} label={t('name')} name="name" defaultValue={section.name} maxLength={60} {...field('name')} />
      <InputField
        id={`${id}-description`}
        label={t('description')}
        name="description"
        defaultValue={section.description}
        maxLength={300}
        {...field('description')}
      />
      <TranslationFields
        idPrefix={id}
        note="fallback"
        translations={section.translations}
        errors={e}
        fields={[
          { name: 'name', kind: 'name', maxLength: 60 },
          { name: 'description', kind: 'description', maxLength: 300 },
        ]}
        classes={{ field: styles.field, input: styles.input, error: styles.error }}
      />
      <div className={styles.actions}>
        <button type="submit" className={styles.button} disabled={pending}>
          {pending ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
