import { AUDIENCES, CADENCES, type NewsletterSummary } from '@/lib/newsletters/newsletters';
import { localized } from '@/lib/i18n/content';
import styles from '../desk.module.css';

/** The fields of a newsletter (new or edited), for saveNewsletterAction. */
export function NewsletterFields({ n }: { n?: NewsletterSummary | null }) {
  return (
    <>
      {n ? <input type="hidden" name="id" value={n.id} /> : null}
      <p className={styles.field}>
        <label htmlFor="nl-name">Name</label>
        <input id="nl-name" name="name" className={styles.input} required maxLength={80} defaultValue={n?.name ?? ''} />
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-description">Description</label>
        <textarea
          id="nl-description"
          name="description"
          className={styles.textarea}
          required
          maxLength={400}
          rows={3}
          defaultValue={n?.description ?? ''}
        />
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-name-uk">Name in Ukrainian (optional)</label>
        <input
          id="nl-name-uk"
          name="name_uk"
          lang="uk"
          className={styles.input}
          maxLength={80}
          defaultValue={n ? localized(n.translations, 'uk', 'name', '') : ''}
        />
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-description-uk">Description in Ukrainian (optional)</label>
        <textarea
          id="nl-description-uk"
          name="description_uk"
          lang="uk"
          className={styles.textarea}
          maxLength={400}
          rows={3}
          defaultValue={n ? localized(n.translations, 'uk', 'description', '') : ''}
        />
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-cadence">Cadence</label>
        <select id="nl-cadence" name="cadence" defaultValue={n?.cadence ?? 'weekly'}>
          {CADENCES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-audience">Audience</label>
        <select id="nl-audience" name="audience" defaultValue={n?.audience ?? 'EVERYONE'}>
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {a === 'EVERYONE' ? 'Everyone (free sign-up)' : 'Patrons only'}
            </option>
          ))}
        </select>
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-sender">Sender name</label>
        <input id="nl-sender" name="senderName" className={styles.input} required maxLength={60} defaultValue={n?.senderName ?? ''} />
      </p>
    </>
  );
}
