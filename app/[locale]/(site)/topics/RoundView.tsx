import Link from 'next/link';
import type { CurrentUser } from '@/lib/auth/session';
import { patronStatus } from '@/lib/billing/patron-status';
import { supportHref } from '@/lib/articles/support-links';
import { myBallot, roundResults, type RoundRecord, type RoundResults } from '@/lib/voting/votes';
import { formatDateTime } from '@/lib/format/dates';
import { ArticleLinks } from '@/components/voting/ArticleLinks';
import { myPendingPicks } from '@/lib/voting/pending';
import { mySuggestions } from '@/lib/voting/topics';
import { meetsJoinRule, roundIntegrity } from '@/lib/voting/integrity';
import { formatDate } from '@/lib/format/dates';
import { IntegrityBox } from './IntegrityBox';
import { VoteButton } from './VoteButton';
import { GuestPickButton } from '@/components/voting/GuestPickButton';
import { SuggestForm } from './SuggestForm';
import styles from './topics.module.css';

const STATUS_LABEL: Record<string, string> = { OPEN: 'Open', COMMISSIONED: 'Commissioned', PUBLISHED: 'Published', DECLINED: 'Declined' };

/**
 * A round, for everyone: topics (with counts when visible), the viewer's ballot and the right actions.
 * Takes the round the page already loaded, so the round row is read once per request.
 */
export async function RoundView({
  round: loaded,
  user,
  back,
}: {
  round: RoundRecord;
  user: CurrentUser | null;
  back: '/topics' | `/topics/${string}`;
}) {
  const [results, integrity] = await Promise.all([roundResults(loaded, { viewer: user }) as Promise<RoundResults>, roundIntegrity(loaded)]);
  const { round, phase } = results;
  const open = phase === 'OPEN';
  const [patron, ballot, picks, suggestions, joinRuleOk] = user
    ? await Promise.all([
        patronStatus(user.id),
        myBallot(user.id, round.id, { roundBudget: round.votesPerPatron }),
        myPendingPicks(user.id),
        mySuggestions(user.id, round.id),
        round.joinedBeforeOpenOnly ? meetsJoinRule(user.id, round.id) : true,
      ])
    : [null, null, [] as string[], [], true];
  // A patron the round's join rule leaves out sees why, and no vote buttons.
  const isPatron = Boolean(patron?.isPatron) && joinRuleOk;
  const excludedByJoinRule = Boolean(patron?.isPatron) && !joinRuleOk;
  const voted = new Set(ballot?.topicIds ?? []);
  const picked = new Set(picks);
  const max = Math.max(1, ...results.topics.map((t) => t.votes ?? 0));
  const becomePatronHref = supportHref('topics', null, round.slug);
  const ranked = phase === 'CLOSED' && results.visible;

  return (
    <section aria-labelledby="round-title">
      <p className="kicker">{phase === 'CLOSED' ? 'Results' : phase === 'OPEN' ? 'Vote now' : 'Coming up'}</p>
      <h1 id="round-title">{round.title}</h1>
      {round.description ? <p className={styles.desc}>{round.description}</p> : null}
      <p className={styles.meta}>
        {phase === 'CLOSED'
          ? `Closed ${formatDateTime(round.closedAt ?? round.closesAt)}.`
          : phase === 'OPEN'
            ? `Open until ${formatDateTime(round.closesAt)}. Every patron has ${round.votesPerPatron} ${round.votesPerPatron === 1 ? 'vote' : 'votes'}.`
            : `Opens ${formatDateTime(round.opensAt)}.`}
        {results.turnout
          ? ` ${results.turnout.voters} ${results.turnout.voters === 1 ? 'patron' : 'patrons'} cast ${results.turnout.votes} ${results.turnout.votes === 1 ? 'vote' : 'votes'}.`
          : ''}
      </p>

      <IntegrityBox integrity={integrity} phase={phase} />

      {phase === 'CLOSED' && round.commitment ? (
        <div className={styles.commitment}>
          <strong>What we committed to:</strong>
          <br />
          {round.commitment}
        </div>
      ) : null}

      {open && isPatron && ballot ? (
        <p className={styles.budget} role="status">
          You have <strong>{ballot.remaining}</strong> of {ballot.budget} {ballot.budget === 1 ? 'vote' : 'votes'} left in this round.
        </p>
      ) : null}
      {open && excludedByJoinRule ? (
        <p className={styles.notice} role="status">
          Only patrons who joined before this round opened on {formatDate(round.opensAt)} can vote in it. You will have your say in the next
          round.
        </p>
      ) : null}
      {open && !isPatron && !excludedByJoinRule ? (
        <div className={styles.notice}>
          <p style={{ margin: 0 }}>
            Patrons decide what we cover next. <Link href={becomePatronHref}>Become a patron to vote</Link>.
            {user
              ? ' Pick the topics you care about now: your picks become votes when you join.'
              : ' Pick the topics you care about now: your picks become votes when you join (no need to sign in first).'}
          </p>
        </div>
      ) : null}
      {!results.visible && open ? <p className={styles.meta}>Vote counts are shown when the round closes.</p> : null}

      {results.topics.length === 0 ? <p className="empty">No topics yet.</p> : null}
      <ol className={styles.list}>
        {results.topics.map((t) => {
          const mine = voted.has(t.id);
          return (
            <li key={t.id} className={styles.topic} data-topic-id={t.id}>
              <div className={styles.row}>
                <h3>
                  {ranked && t.rank !== null ? <span className={styles.rank}>{t.rank}.</span> : null} {t.title}
                </h3>
                {t.status !== 'OPEN' ? (
                  <span className={styles.status} data-status={t.status}>
                    {STATUS_LABEL[t.status]}
                  </span>
                ) : null}
              </div>
              {t.description ? <p className={styles.desc}>{t.description}</p> : null}
              {t.status === 'DECLINED' && t.declineReason ? <p className={styles.meta}>Why we declined: {t.declineReason}</p> : null}
              {t.status === 'COMMISSIONED' || t.status === 'PUBLISHED' ? (
                <p className={styles.meta}>
                  <Link href={`/topics/${round.slug}/${t.id}`}>How the reporting is going</Link>
                </p>
              ) : null}
              <ArticleLinks label="Read:" articles={t.articles} className={styles.meta} />
              <div className={styles.row}>
                {t.votes !== null ? (
                  <span className={styles.count}>
                    {t.votes} {t.votes === 1 ? 'vote' : 'votes'}
                  </span>
                ) : (
                  <span />
                )}
                {open && t.status === 'OPEN' && user && isPatron ? (
                  mine ? (
                    <VoteButton topicId={t.id} intent="withdraw" label="Withdraw vote" back={back} topicTitle={t.title} />
                  ) : (
                    <VoteButton
                      topicId={t.id}
                      intent="cast"
                      label="Vote"
                      back={back}
                      topicTitle={t.title}
                      disabled={(ballot?.remaining ?? 0) <= 0}
                    />
                  )
                ) : null}
                {open && mine && t.status !== 'OPEN' && user ? (
                  <VoteButton topicId={t.id} intent="withdraw" label="Withdraw vote" back={back} topicTitle={t.title} />
                ) : null}
                {open && t.status === 'OPEN' && user && !isPatron && !excludedByJoinRule ? (
                  picked.has(t.id) ? (
                    <VoteButton topicId={t.id} intent="unpick" label="Picked ✓ (remove)" back={back} topicTitle={t.title} />
                  ) : (
                    <VoteButton topicId={t.id} intent="pick" label="Pick this topic" back={back} topicTitle={t.title} />
                  )
                ) : null}
                {open && t.status === 'OPEN' && !user ? <GuestPickButton topicId={t.id} topicTitle={t.title} /> : null}
              </div>
              {t.votes !== null ? (
                <div className={styles.bar} aria-hidden="true">
                  <span style={{ width: `${Math.round((100 * t.votes) / max)}%` }} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>

      {open && user && isPatron && round.suggestionsPerPatron > 0 ? (
        <section aria-labelledby="suggest-title">
          <h2 id="suggest-title">Suggest a topic</h2>
          <p className={styles.meta}>Editors review suggestions before they are open for votes.</p>
          {suggestions.length ? (
            <ul>
              {suggestions.map((s) => (
                <li key={s.id}>
                  {s.title} <span className={styles.status}>{s.status === 'PROPOSED' ? 'Awaiting review' : s.status.toLowerCase()}</span>
                  {s.status === 'DECLINED' && s.declineReason ? ` (${s.declineReason})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          <SuggestForm roundId={round.id} remaining={Math.max(0, round.suggestionsPerPatron - suggestions.length)} />
        </section>
      ) : null}
    </section>
  );
}
