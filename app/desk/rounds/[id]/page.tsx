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
import { localized } from '@/lib/i18n/content';
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

export const metadata = { title: 'Round' };

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
  const mergeTargets = topics.filter((t) => t.status !== 'MERGED' && t.status !== 'DECLINED');
  const hidden = (name: string, value: string) => <input type="hidden" name={name} value={value} />;

  return (
    <>
      <p>
        <Link href="/desk/rounds">← Rounds</Link>
        {round.status !== 'DRAFT' ? (
          <>
            {' · '}
            <Link href={`/topics/${round.slug}`}>Public page</Link>
          </>
        ) : null}
        {hasRole(user.role, 'ADMIN') ? (
          <>
            {' · '}
            <Link href={`/desk/rounds/${round.id}/audit`}>Audit trail</Link>
          </>
        ) : null}
      </p>
      <h1>
        {round.title} <span className={styles.status}>{round.phase}</span>
      </h1>
      <ActionOutcome done={done} failed={failed} styles={styles} />
      {round.status !== 'DRAFT' ? (
        <p>
          {turnout.voters} {turnout.voters === 1 ? 'patron' : 'patrons'} cast {turnout.votes} {turnout.votes === 1 ? 'vote' : 'votes'}.
        </p>
      ) : null}

      <div className={styles.actions}>
        {round.status === 'DRAFT' ? (
          <form action={openRoundAction}>
            {hidden('roundId', round.id)}
            <button className={styles.button}>Open round</button>
          </form>
        ) : null}
        {round.status !== 'DRAFT' ? (
          <form action={round.status === 'CLOSED' ? commitmentAction : closeRoundAction} className={styles.form} style={{ flex: 1 }}>
            {hidden('roundId', round.id)}
            <div className={styles.field}>
              <label htmlFor="commitment">What the newsroom commits to (shown with the results)</label>
              <textarea
                id="commitment"
                name="commitment"
                className={styles.input}
                rows={3}
                maxLength={5000}
                defaultValue={round.commitment}
              />
            </div>
            <div>
              <button className={round.status === 'CLOSED' ? styles.secondary : styles.danger}>
                {round.status === 'CLOSED'
                  ? 'Save commitment'
                  : round.phase === 'CLOSED'
                    ? 'Record close and commitment'
                    : 'Close round now'}
              </button>
            </div>
          </form>
        ) : null}
      </div>

      <h2>Topics</h2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Topic</th>
            <th>Status</th>
            <th>Votes</th>
            <th>Moderate</th>
          </tr>
        </thead>
        <tbody>
          {topics.map((t) => (
            <tr key={t.id}>
              <td>
                <strong>{t.title}</strong>
                {t.description ? <p className={styles.hint}>{t.description}</p> : null}
                {t.suggestedBy ? <p className={styles.hint}>Suggested by {t.suggestedBy.name ?? t.suggestedBy.email}</p> : null}
                {t.section ? <p className={styles.hint}>Section: {t.section.name}</p> : null}
                {t.declineReason && t.status === 'DECLINED' ? <p className={styles.hint}>Declined: {t.declineReason}</p> : null}
                {t.mergedInto ? <p className={styles.hint}>Merged into “{t.mergedInto.title}”</p> : null}
                {t.articles.map((a) => (
                  <p key={a.article.id} className={styles.hint}>
                    Article: <Link href={`/desk/articles/${a.article.id}`}>{a.article.title}</Link> ({a.article.status.toLowerCase()})
                  </p>
                ))}
                {t.stage || t.status === 'COMMISSIONED' || t.status === 'PUBLISHED' ? (
                  <p className={styles.hint}>
                    <Link href={`/desk/topics/${t.id}`}>Progress and updates</Link> ({(t.stage ?? t.status).toLowerCase()})
                  </p>
                ) : null}
              </td>
              <td>
                <span className={styles.status}>{t.status}</span>
              </td>
              <td>{t.votes}</td>
              <td>
                <div style={{ display: 'grid', gap: 8 }}>
                  {t.status === 'PROPOSED' || t.status === 'DECLINED' ? (
                    <form action={approveTopicAction}>
                      {hidden('roundId', round.id)}
                      {hidden('topicId', t.id)}
                      <button className={styles.secondary}>Approve</button>
                    </form>
                  ) : null}
                  {t.status === 'PROPOSED' || t.status === 'OPEN' ? (
                    <>
                      <form action={commissionTopicAction}>
                        {hidden('roundId', round.id)}
                        {hidden('topicId', t.id)}
                        <button className={styles.secondary}>Commission</button>
                      </form>
                      <form action={declineTopicAction} style={{ display: 'flex', gap: 6 }}>
                        {hidden('roundId', round.id)}
                        {hidden('topicId', t.id)}
                        <input
                          name="reason"
                          className={styles.input}
                          placeholder="Public reason"
                          aria-label={`Reason for declining ${t.title}`}
                          required
                          minLength={3}
                          maxLength={500}
                        />
                        <button className={styles.danger}>Decline</button>
                      </form>
                      {mergeTargets.length > 1 ? (
                        <form action={mergeTopicAction} style={{ display: 'flex', gap: 6 }}>
                          {hidden('roundId', round.id)}
                          {hidden('topicId', t.id)}
                          <select name="targetId" className={styles.select} aria-label={`Merge ${t.title} into`} required defaultValue="">
                            <option value="" disabled>
                              Merge into…
                            </option>
                            {mergeTargets
                              .filter((m) => m.id !== t.id)
                              .map((m) => (
                                <option key={m.id} value={m.id}>
                                  {m.title}
                                </option>
                              ))}
                          </select>
                          <button className={styles.secondary}>Merge</button>
                        </form>
                      ) : null}
                    </>
                  ) : null}
                  {t.status === 'OPEN' || t.status === 'COMMISSIONED' || t.status === 'PUBLISHED' ? (
                    <form action={linkArticleAction} style={{ display: 'flex', gap: 6 }}>
                      {hidden('roundId', round.id)}
                      {hidden('topicId', t.id)}
                      <input
                        name="slug"
                        className={styles.input}
                        placeholder="article-slug"
                        aria-label={`Article slug for ${t.title}`}
                        required
                      />
                      <button className={styles.secondary}>Link article</button>
                    </form>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Add a topic</h2>
      <form action={addTopicAction} className={styles.form}>
        {hidden('roundId', round.id)}
        <div className={styles.field}>
          <label htmlFor="t-title">Title</label>
          <input id="t-title" name="title" className={styles.input} required minLength={3} maxLength={150} />
        </div>
        <div className={styles.field}>
          <label htmlFor="t-desc">Description</label>
          <textarea id="t-desc" name="description" className={styles.input} rows={2} maxLength={2000} />
        </div>
        <div className={styles.field}>
          <label htmlFor="t-title-uk">Name in Ukrainian (optional)</label>
          <input id="t-title-uk" name="title_uk" lang="uk" className={styles.input} maxLength={150} />
        </div>
        <div className={styles.field}>
          <label htmlFor="t-desc-uk">Summary in Ukrainian (optional)</label>
          <textarea id="t-desc-uk" name="description_uk" lang="uk" className={styles.input} rows={2} maxLength={2000} />
        </div>
        <div className={styles.field}>
          <label htmlFor="t-section">Section (for the article call to action)</label>
          <select id="t-section" name="sectionId" className={styles.select} defaultValue="">
            <option value="">None</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button className={styles.button}>Add topic</button>
        </div>
      </form>

      <h2>Round settings</h2>
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
          title_uk: localized(round.translations, 'uk', 'title', ''),
          description_uk: localized(round.translations, 'uk', 'description', ''),
        }}
      />
    </>
  );
}
