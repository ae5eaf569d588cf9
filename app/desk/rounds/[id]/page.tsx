import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { getDb } from '@/lib/db/client';
import { getRoundForDesk } from '@/lib/voting/rounds';
import { listTopicsForDesk } from '@/lib/voting/topics';
import { roundTurnout } from '@/lib/voting/votes';
import { siteTimeZone, toSiteWallTime } from '@/lib/voting/round-times';
import { RoundForm } from '../RoundForm';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { TranslationFields } from '@/components/staff/TranslationFields';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/lib/i18n/locales';
import {
  addTopicAction,
  approveTopicAction,
  closeRoundAction,
  commissionTopicAction,
  commitmentAction,
  declineTopicAction,
  linkArticleAction,
  mergeTopicAction,
  openRoundAction,
} from '../actions';
import styles from '../../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = staffTitle('desk.rounds.page.title');

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 300) : null);

export default async function DeskRoundPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireRole('EDITOR', { callbackUrl: `/desk/rounds/${encodeURIComponent(id)}` });
  const round = await getRoundForDesk(id);
  if (!round) notFound();
  const sp = await searchParams;
  const [topics, turnout, sections] = await Promise.all([
    listTopicsForDesk(round.id),
    roundTurnout(round.id),
    getDb().then((db) => db.section.findMany({ orderBy: { position: 'asc' }, select: { id: true, name: true } })),
  ]);
  const done = one(sp.done);
  const failed = one(sp.failed);
  const mergeTargets = topics.filter((m) => m.status !== 'MERGED' && m.status !== 'DECLINED');
  const hidden = (name: string, value: string) => <input type="hidden" name={name} value={value} />;
  const locale = await staffLocale();
  const t = translator(locale, 'desk.rounds');
  const fieldClasses = { field: styles.field, input: styles.input, error: styles.error };
  const others = LOCALES.filter((l): l is Exclude<Locale, 'en'> => l !== DEFAULT_LOCALE);
  const inLanguage = (l: Exclude<Locale, 'en'>) => translator(locale, 'desk.translations')(`language.${l}`);

  return (
    <>
      <p>
        <Link href="/desk/rounds">{t('page.back')}</Link>
        {round.status !== 'DRAFT' ? (
          <>
            {' · '}
            <Link href={`/topics/${round.slug}`}>{t('page.publicPage')}</Link>
          </>
        ) : null}
        {hasRole(user.role, 'ADMIN') ? (
          <>
            {' · '}
            <Link href={`/desk/rounds/${round.id}/audit`}>{t('page.auditTrail')}</Link>
          </>
        ) : null}
      </p>
      <h1>
        {round.title} <span className={styles.status}>{t(`phase.${round.phase}`)}</span>
      </h1>
      <ActionOutcome done={done} failed={failed} styles={styles} />
      {round.status !== 'DRAFT' ? <p>{t('page.turnout', { voters: turnout.voters, votes: turnout.votes })}</p> : null}

      <div className={styles.actions}>
        {round.status === 'DRAFT' ? (
          <form action={openRoundAction}>
            {hidden('roundId', round.id)}
            <button className={styles.button}>{t('page.open')}</button>
          </form>
        ) : null}
        {round.status !== 'DRAFT' ? (
          <form action={round.status === 'CLOSED' ? commitmentAction : closeRoundAction} className={styles.form} style={{ flex: 1 }}>
            {hidden('roundId', round.id)}
            <div className={styles.field}>
              <label htmlFor="commitment">{t('page.commitment')}</label>
              <textarea
                id="commitment"
                name="commitment"
                className={styles.input}
                rows={3}
                maxLength={5000}
                defaultValue={round.commitment}
              />
            </div>
            <TranslationFields
              idPrefix="round"
              translations={round.translations}
              fields={[{ name: 'commitment', kind: 'commitment', multiline: true, rows: 3, maxLength: 5000 }]}
              classes={fieldClasses}
            />
            <div>
              <button className={round.status === 'CLOSED' ? styles.secondary : styles.danger}>
                {round.status === 'CLOSED'
                  ? t('page.saveCommitment')
                  : round.phase === 'CLOSED'
                    ? t('page.recordClose')
                    : t('page.closeNow')}
              </button>
            </div>
          </form>
        ) : null}
      </div>

      <h2>{t('topics.heading')}</h2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t('topics.topic')}</th>
            <th>{t('topics.status')}</th>
            <th>{t('topics.votes')}</th>
            <th>{t('topics.moderate')}</th>
          </tr>
        </thead>
        <tbody>
          {topics.map((tp) => (
            <tr key={tp.id}>
              <td>
                <strong>{tp.title}</strong>
                {tp.description ? <p className={styles.hint}>{tp.description}</p> : null}
                {tp.suggestedBy ? (
                  <p className={styles.hint}>{t('topics.suggestedBy', { name: tp.suggestedBy.name ?? tp.suggestedBy.email })}</p>
                ) : null}
                {tp.section ? <p className={styles.hint}>{t('topics.section', { name: tp.section.name })}</p> : null}
                {tp.declineReason && tp.status === 'DECLINED' ? (
                  <p className={styles.hint}>{t('topics.declinedBecause', { reason: tp.declineReason })}</p>
                ) : null}
                {tp.mergedInto ? <p className={styles.hint}>{t('topics.mergedInto', { title: tp.mergedInto.title })}</p> : null}
                {tp.articles.map((a) => (
                  <p key={a.article.id} className={styles.hint}>
                    {t('topics.article')} <Link href={`/desk/articles/${a.article.id}`}>{a.article.title}</Link> (
                    {t(`topics.articleStatus.${a.article.status}`)})
                  </p>
                ))}
                {tp.stage || tp.status === 'COMMISSIONED' || tp.status === 'PUBLISHED' ? (
                  <p className={styles.hint}>
                    <Link href={`/desk/topics/${tp.id}`}>{t('topics.progress')}</Link> ({t(`topics.stage.${tp.stage ?? tp.status}`)})
                  </p>
                ) : null}
              </td>
              <td>
                <span className={styles.status}>{t(`topics.statusLabel.${tp.status}`)}</span>
              </td>
              <td>{tp.votes}</td>
              <td>
                <div style={{ display: 'grid', gap: 8 }}>
                  {tp.status === 'PROPOSED' || tp.status === 'DECLINED' ? (
                    <form action={approveTopicAction}>
                      {hidden('roundId', round.id)}
                      {hidden('topicId', tp.id)}
                      <button className={styles.secondary}>{t('topics.approve')}</button>
                    </form>
                  ) : null}
                  {tp.status === 'PROPOSED' || tp.status === 'OPEN' ? (
                    <>
                      <form action={commissionTopicAction}>
                        {hidden('roundId', round.id)}
                        {hidden('topicId', tp.id)}
                        <button className={styles.secondary}>{t('topics.commission')}</button>
                      </form>
                      <form action={declineTopicAction} style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
                        {hidden('roundId', round.id)}
                        {hidden('topicId', tp.id)}
                        <input
                          name="reason"
                          className={styles.input}
                          placeholder={t('topics.reasonPlaceholder')}
                          aria-label={t('topics.reasonFor', { title: tp.title })}
                          required
                          minLength={3}
                          maxLength={500}
                        />
                        {others.map((l) => (
                          <input
                            key={l}
                            name={`declineReason_${l}`}
                            lang={l}
                            className={styles.input}
                            placeholder={t('topics.reasonPlaceholderIn', {
                              language: inLanguage(l),
                            })}
                            aria-label={t('topics.reasonForIn', {
                              title: tp.title,
                              language: inLanguage(l),
                            })}
                            maxLength={500}
                          />
                        ))}
                        <button className={styles.danger}>{t('topics.decline')}</button>
                      </form>
                      {mergeTargets.length > 1 ? (
                        <form action={mergeTopicAction} style={{ display: 'flex', gap: 6 }}>
                          {hidden('roundId', round.id)}
                          {hidden('topicId', tp.id)}
                          <select
                            name="targetId"
                            className={styles.select}
                            aria-label={t('topics.mergeLabel', { title: tp.title })}
                            required
                            defaultValue=""
                          >
                            <option value="" disabled>
                              {t('topics.mergeInto')}
                            </option>
                            {mergeTargets
                              .filter((m) => m.id !== tp.id)
                              .map((m) => (
                                <option key={m.id} value={m.id}>
                                  {m.title}
                                </option>
                              ))}
                          </select>
                          <button className={styles.secondary}>{t('topics.merge')}</button>
                        </form>
                      ) : null}
                    </>
                  ) : null}
                  {tp.status === 'OPEN' || tp.status === 'COMMISSIONED' || tp.status === 'PUBLISHED' ? (
                    <form action={linkArticleAction} style={{ display: 'flex', gap: 6 }}>
                      {hidden('roundId', round.id)}
                      {hidden('topicId', tp.id)}
                      <input
                        name="slug"
                        className={styles.input}
                        placeholder="article-slug"
                        aria-label={t('topics.slugFor', { title: tp.title })}
                        required
                      />
                      <button className={styles.secondary}>{t('topics.link')}</button>
                    </form>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('add.heading')}</h2>
      <form action={addTopicAction} className={styles.form}>
        {hidden('roundId', round.id)}
        <div className={styles.field}>
          <label htmlFor="t-title">{t('add.title')}</label>
          <input id="t-title" name="title" className={styles.input} required minLength={3} maxLength={150} />
        </div>
        <div className={styles.field}>
          <label htmlFor="t-desc">{t('add.description')}</label>
          <textarea id="t-desc" name="description" className={styles.input} rows={2} maxLength={2000} />
        </div>
        <TranslationFields
          idPrefix="t"
          note="optional"
          fields={[
            { name: 'title', kind: 'name', maxLength: 150 },
            { name: 'description', kind: 'summary', multiline: true, rows: 2, maxLength: 2000 },
          ]}
          classes={fieldClasses}
        />
        <div className={styles.field}>
          <label htmlFor="t-section">{t('add.section')}</label>
          <select id="t-section" name="sectionId" className={styles.select} defaultValue="">
            <option value="">{t('add.noSection')}</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button className={styles.button}>{t('add.submit')}</button>
        </div>
      </form>

      <h2>{t('page.settings')}</h2>
      <RoundForm
        id={round.id}
        timeZone={siteTimeZone()}
        initial={{
          title: round.title,
          description: round.description,
          slug: round.slug,
          opensAt: toSiteWallTime(round.opensAt),
          closesAt: toSiteWallTime(round.closesAt),
          votesPerPatron: round.votesPerPatron,
          suggestionsPerPatron: round.suggestionsPerPatron,
          resultsVisibility: round.resultsVisibility,
          joinedBeforeOpenOnly: round.joinedBeforeOpenOnly,
          translations: round.translations,
        }}
      />
    </>
  );
}
