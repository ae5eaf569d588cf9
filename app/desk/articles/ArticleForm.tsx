'use client';

import { LOCALE_NAMES, LOCALES } from '@/lib/i18n/locales';
import { startTransition, useActionState, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { slugify } from '@/lib/articles/slugify';
import type { ArticleFormValues, FieldErrors } from '@/lib/articles/validation';
import { saveArticleAction, type ArticleFormState } from './actions';
import { MarkdownPreview } from './MarkdownPreview';
import styles from '../desk.module.css';

type Option = { id: string; name: string };
type Props = {
  id?: string;
  status: 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';
  initial: ArticleFormValues;
  /** ISO time of a scheduled article, shown in the editor's own time zone. */
  scheduledAtIso?: string | null;
  sections: Option[];
  authors: Option[];
};

const subscribeNever = () => () => {};
const isBrowser = () => true;
const isServer = () => false;

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function FieldError({ id, errors, name }: { id: string; errors: FieldErrors; name: keyof FieldErrors }) {
  const msg = errors[name];
  return msg ? (
    <p id={`${id}-error`} className={styles.error}>
      {msg}
    </p>
  ) : null;
}

/** A labelled, controlled `<select>` (React 19 resets uncontrolled ones after a form action), with its error. */
function ChoiceField({
  id,
  name,
  label,
  value,
  onChange,
  errors,
  children,
}: {
  id: string;
  name: keyof FieldErrors;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        className={styles.select}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `f-${name}-error` } : {})}
      >
        {children}
      </select>
      <FieldError id={`f-${name}`} errors={errors} name={name} />
    </div>
  );
}

export function ArticleForm({ id, status, initial, scheduledAtIso, sections, authors }: Props) {
  const t = useTranslations('desk.articles.form');
  const [state, action, pending] = useActionState<ArticleFormState, FormData>(saveArticleAction, { values: null, errors: {} });
  const v = state.values ?? initial;
  const errors = state.errors;
  const [title, setTitle] = useState(v.title);
  const [slug, setSlug] = useState(v.slug);
  const [slugTouched, setSlugTouched] = useState(Boolean(id) || Boolean(v.slug));
  const [body, setBody] = useState(v.body);
  // The scheduled time in the editor's own zone is known only in the browser: shown once hydrated,
  // until the editor types their own.
  const inBrowser = useSyncExternalStore(subscribeNever, isBrowser, isServer);
  const [typedPublishAt, setPublishAt] = useState<string | null>(v.publishAt || null);
  const publishAt = typedPublishAt ?? (inBrowser && scheduledAtIso ? toLocalInput(scheduledAtIso) : '');
  // Controlled: React 19 resets uncontrolled <select>/checkboxes to empty after a form action.
  const [sectionId, setSectionId] = useState(v.sectionId);
  const [authorIds, setAuthorIds] = useState<string[]>(v.authorIds);
  const [locale, setLocale] = useState(v.locale || 'en');
  const tzOffset = publishAt && !Number.isNaN(new Date(publishAt).getTime()) ? String(new Date(publishAt).getTimezoneOffset()) : '';
  const invalid = (name: keyof FieldErrors) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `f-${name}-error` } : {};
  const errorCount = Object.keys(errors).length;

  return (
    <form
      action={action}
      className={styles.form}
      noValidate
      onSubmit={(e) => {
        // Submit ourselves so React doesn't reset the form afterwards: on errors, every typed value
        // (selects and checkboxes included) must stay. Without JS the action still works.
        e.preventDefault();
        const fd = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => action(fd));
      }}
    >
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <input type="hidden" name="tzOffset" value={tzOffset} />
      {errorCount ? (
        <div className={styles.alert} role="alert">
          {errors.form ?? t('notSaved')}
        </div>
      ) : null}

      <div className={styles.field}>
        <label htmlFor="f-title">{t('title')}</label>
        <input
          id="f-title"
          name="title"
          className={styles.input}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
          {...invalid('title')}
        />
        <FieldError id="f-title" errors={errors} name="title" />
      </div>

      <div className={styles.field}>
        <label htmlFor="f-slug">{t('slug')}</label>
        <p className={styles.hint} id="f-slug-hint">
          {t('slugHint', { path: `/articles/${slug || '…'}` })}
        </p>
        <input
          id="f-slug"
          name="slug"
          className={styles.input}
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugTouched(true);
          }}
          {...invalid('slug')}
        />
        <FieldError id="f-slug" errors={errors} name="slug" />
      </div>

      <div className={styles.field}>
        <label htmlFor="f-standfirst">{t('standfirst')}</label>
        <textarea
          id="f-standfirst"
          name="standfirst"
          rows={2}
          className={styles.input}
          defaultValue={v.standfirst}
          {...invalid('standfirst')}
        />
        <FieldError id="f-standfirst" errors={errors} name="standfirst" />
      </div>

      <div className={styles.columns}>
        <div className={styles.field}>
          <label htmlFor="f-body">{t('body')}</label>
          <textarea
            id="f-body"
            name="body"
            className={styles.textarea}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            {...invalid('body')}
          />
          <FieldError id="f-body" errors={errors} name="body" />
        </div>
        <MarkdownPreview body={body} />
      </div>

      <ChoiceField id="f-section" name="sectionId" label={t('section')} value={sectionId} onChange={setSectionId} errors={errors}>
        <option value="">{t('chooseSection')}</option>
        {sections.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </ChoiceField>

      <div className={styles.columns}>
        <ChoiceField id="f-locale" name="locale" label={t('language')} value={locale} onChange={setLocale} errors={errors}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </ChoiceField>
        <div className={styles.field}>
          <label htmlFor="f-translationOf">{t('translationOf')}</label>
          <p className={styles.hint}>{t('translationOfHint')}</p>
          <input
            id="f-translationOf"
            name="translationOf"
            className={styles.input}
            defaultValue={v.translationOf ?? ''}
            {...invalid('translationOf')}
          />
          <FieldError id="f-translationOf" errors={errors} name="translationOf" />
        </div>
      </div>

      <fieldset
        className={styles.field}
        style={{ border: 0, padding: 0, margin: 0 }}
        {...(errors.authorIds ? { 'aria-describedby': 'f-authorIds-error' } : {})}
      >
        <legend className={styles.legend}>{t('authors')}</legend>
        <div className={styles.checks}>
          {authors.length === 0 ? <span>{t('noAuthors')}</span> : null}
          {authors.map((a) => (
            <label key={a.id}>
              <input
                type="checkbox"
                name="authorIds"
                value={a.id}
                checked={authorIds.includes(a.id)}
                onChange={(e) => setAuthorIds((cur) => (e.target.checked ? [...cur, a.id] : cur.filter((x) => x !== a.id)))}
              />{' '}
              {a.name}
            </label>
          ))}
        </div>
        <FieldError id="f-authorIds" errors={errors} name="authorIds" />
      </fieldset>

      <div className={styles.field}>
        <label htmlFor="f-tags">{t('tags')}</label>
        <p className={styles.hint}>{t('tagsHint')}</p>
        <input id="f-tags" name="tags" className={styles.input} defaultValue={v.tags} {...invalid('tags')} />
        <FieldError id="f-tags" errors={errors} name="tags" />
      </div>

      <div className={styles.columns}>
        <div className={styles.field}>
          <label htmlFor="f-heroImageUrl">{t('heroImageUrl')}</label>
          <input
            id="f-heroImageUrl"
            name="heroImageUrl"
            type="url"
            className={styles.input}
            defaultValue={v.heroImageUrl}
            {...invalid('heroImageUrl')}
          />
          <FieldError id="f-heroImageUrl" errors={errors} name="heroImageUrl" />
        </div>
        <div className={styles.field}>
          <label htmlFor="f-heroImageAlt">{t('heroImageAlt')}</label>
          <input
            id="f-heroImageAlt"
            name="heroImageAlt"
            className={styles.input}
            defaultValue={v.heroImageAlt}
            {...invalid('heroImageAlt')}
          />
          <FieldError id="f-heroImageAlt" errors={errors} name="heroImageAlt" />
        </div>
      </div>

      <div className={styles.actions}>
        <button type="submit" name="intent" value="save" className={styles.secondary} disabled={pending}>
          {status === 'DRAFT' ? t('saveDraft') : t('saveChanges')}
        </button>
        <div className={styles.field}>
          <label htmlFor="f-publishAt">{t('publishAt')}</label>
          <input
            id="f-publishAt"
            name="publishAt"
            type="datetime-local"
            className={styles.input}
            value={publishAt}
            onChange={(e) => setPublishAt(e.target.value)}
            {...invalid('publishAt')}
          />
          <FieldError id="f-publishAt" errors={errors} name="publishAt" />
        </div>
        <button type="submit" name="intent" value="schedule" className={styles.secondary} disabled={pending}>
          {t('schedule')}
        </button>
        <button type="submit" name="intent" value="publish" className={styles.button} disabled={pending}>
          {status === 'PUBLISHED' ? t('keepPublished') : t('publishNow')}
        </button>
        {pending ? <span aria-live="polite">{t('saving')}</span> : null}
      </div>
    </form>
  );
}
