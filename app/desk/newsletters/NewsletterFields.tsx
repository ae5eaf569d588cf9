import { AUDIENCES, CADENCES, type NewsletterSummary } from '@/lib/newsletters/newsletters';
import { TranslationFields } from '@/components/staff/TranslationFields';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { cadenceLabel } from '@/lib/newsletters/localized';
import styles from '../desk.module.css';

/** The fields of a newsletter (new or edited), for saveNewsletterAction, labelled in the staff member's language. */
export async function NewsletterFields({ n }: { n?: NewsletterSummary | null }) {
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.fields');
  return (
    <>
      {n ? <input type="hidden" name="id" value={n.id} /> : null}
      <p className={styles.field}>
        <label htmlFor="nl-name">{t('name')}</label>
        <input id="nl-name" name="name" className={styles.input} required maxLength={80} defaultValue={n?.name ?? ''} />
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-description">{t('description')}</label>
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
      <TranslationFields
        idPrefix="nl"
        note="optional"
        translations={n?.translations}
        fields={[
          { name: 'name', kind: 'name', maxLength: 80 },
          { name: 'description', kind: 'description', multiline: true, rows: 3, maxLength: 400 },
        ]}
        classes={{ field: styles.field, input: styles.input }}
      />
      <p className={styles.field}>
        <label htmlFor="nl-cadence">{t('cadence')}</label>
        <select id="nl-cadence" name="cadence" defaultValue={n?.cadence ?? 'weekly'}>
          {CADENCES.map((c) => (
            <option key={c} value={c}>
              {cadenceLabel(c, locale)}
            </option>
          ))}
        </select>
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-audience">{t('audience')}</label>
        <select id="nl-audience" name="audience" defaultValue={n?.audience ?? 'EVERYONE'}>
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {a === 'EVERYONE' ? t('everyone') : t('patronsOnly')}
            </option>
          ))}
        </select>
      </p>
      <p className={styles.field}>
        <label htmlFor="nl-sender">{t('senderName')}</label>
        <input id="nl-sender" name="senderName" className={styles.input} required maxLength={60} defaultValue={n?.senderName ?? ''} />
      </p>
    </>
  );
}
