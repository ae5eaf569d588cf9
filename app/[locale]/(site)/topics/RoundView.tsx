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
import { localized } from '@/lib/i18n/content';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { IntegrityBox } from './IntegrityBox';
import { VoteButton } from './VoteButton';
import { GuestPickButton } from '@/components/voting/GuestPickButton';
import { SuggestForm } from './SuggestForm';
import styles from './topics.module.css';

/**
 * A round, for everyone: topics (with counts when visible), the viewer's ballot and the right actions.
 * Takes the round the page already loaded, so the round row is read once per request.
 */
export async function RoundView({
  round: loaded,
  user,
  back,
  locale,
}: {
  round: RoundRecord;
  user: CurrentUser | null;
  back: '/topics' | `/topics/${string}`;
  locale: Locale;
}) {
  const t = translator(locale, 'voting.round');
  const ts = translator(locale, 'voting.suggest');
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
  const becomePatronHref = localePath(locale, supportHref('topics', null, round.slug));
  const date = (d: Date) => formatDateTime(d, undefined, locale);
  const title = (x: { title: string; translations?: unknown }) => localized(x.translations, locale, 'title', x.title);
  const description = (x: { description: string; translations?: unknown }) =>
    localized(x.translations, locale, 'description', x.description);
  const voteLabels = { pending: t('saving') };
  const ranked = phase === 'CLOSED' && results.visible;

  return (
    <section aria-labelledby="round-title">
      <p className="kicker">{phase === 'CLOSED' ? t('kickerClosed') : phase === 'OPEN' ? t('kickerOpen') : t('kickerUpcoming')}</p>
      <h1 id="round-title">{title(round)}</h1>
      {description(round) ? <p className={styles.desc}>{description(round)}</p> : null}
      <p className={styles.meta}>
        {phase === 'CLOSED'
          ? t('closed', { date: date(round.closedAt ?? round.closesAt) })
          : phase === 'OPEN'
            ? t('open', { date: date(round.closesAt), count: round.votesPerPatron })
            : t('opens', { date: date(round.opensAt) })}
        {results.turnout ? t('turnout', { voters: results.turnout.voters, votes: results.turnout.votes }) : ''}
      </p>

      <IntegrityBox integrity={integrity} phase={phase} locale={locale} />

      {phase === 'CLOSED' && round.commitment ? (
        <div className={styles.commitment}>
          <strong>{t('committed')}</strong>
          <br />
          {localized(round.translations, locale, 'commitment', round.commitment)}
        </div>
      ) : null}

      {open && isPatron && ballot ? (
        <p className={styles.budget} role="status">
          {t.rich('budget', { remaining: ballot.remaining, count: ballot.budget, strong: (c) => <strong>{c}</strong> })}
        </p>
      ) : null}
      {open && excludedByJoinRule ? (
        <p className={styles.notice} role="status">
          {t('joinRule', { date: formatDate(round.opensAt, undefined, locale) })}
        </p>
      ) : null}
      {open && !isPatron && !excludedByJoinRule ? (
        <div className={styles.notice}>
          <p style={{ margin: 0 }}>
            {t.rich('becomePatron', { link: (c) => <Link href={becomePatronHref}>{c}</Link> })}
            {user ? t('pickSignedIn') : t('pickGuest')}
          </p>
        </div>
      ) : null}
      {!results.visible && open ? <p className={styles.meta}>{t('hiddenCounts')}</p> : null}

      {results.topics.length === 0 ? <p className="empty">{t('noTopics')}</p> : null}
      <ol className={styles.list}>
        {results.topics.map((tp) => {
          const mine = voted.has(tp.id);
          const topicTitle = title(tp);
          const voteButton = (intent: 'cast' | 'withdraw' | 'pick' | 'unpick', label: string, disabled?: boolean) => (
            <VoteButton
              topicId={tp.id}
              intent={intent}
              label={label}
              back={back}
              locale={locale}
              labels={voteLabels}
              topicTitle={topicTitle}
              disabled={disabled}
            />
          );
          return (
            <li key={tp.id} className={styles.topic} data-topic-id={tp.id}>
              <div className={styles.row}>
                <h3>
                  {ranked && tp.rank !== null ? <span className={styles.rank}>{tp.rank}.</span> : null} {topicTitle}
                </h3>
                {tp.status !== 'OPEN' ? (
                  <span className={styles.status} data-status={tp.status}>
                    {t(`status.${tp.status}`)}
                  </span>
                ) : null}
              </div>
              {description(tp) ? <p className={styles.desc}>{description(tp)}</p> : null}
              {tp.status === 'DECLINED' && tp.declineReason ? (
                <p className={styles.meta}>
                  {t('whyDeclined', { reason: localized(tp.translations, locale, 'declineReason', tp.declineReason) })}
                </p>
              ) : null}
              {tp.status === 'COMMISSIONED' || tp.status === 'PUBLISHED' ? (
                <p className={styles.meta}>
                  <Link href={localePath(locale, `/topics/${round.slug}/${tp.id}`)}>{t('progressLink')}</Link>
                </p>
              ) : null}
              <ArticleLinks label={t('read')} articles={tp.articles} className={styles.meta} locale={locale} />
              <div className={styles.row}>
                {tp.votes !== null ? <span className={styles.count}>{t('votes', { count: tp.votes })}</span> : <span />}
                {open && tp.status === 'OPEN' && user && isPatron
                  ? mine
                    ? voteButton('withdraw', t('withdraw'))
                    : voteButton('cast', t('vote'), (ballot?.remaining ?? 0) <= 0)
                  : null}
                {open && mine && tp.status !== 'OPEN' && user ? voteButton('withdraw', t('withdraw')) : null}
                {open && tp.status === 'OPEN' && user && !isPatron && !excludedByJoinRule
                  ? picked.has(tp.id)
                    ? voteButton('unpick', t('unpick'))
                    : voteButton('pick', t('pick'))
                  : null}
                {open && tp.status === 'OPEN' && !user ? <GuestPickButton topicId={tp.id} topicTitle={topicTitle} /> : null}
              </div>
              {tp.votes !== null ? (
                <div className={styles.bar} aria-hidden="true">
                  <span style={{ width: `${Math.round((100 * tp.votes) / max)}%` }} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>

      {open && user && isPatron && round.suggestionsPerPatron > 0 ? (
        <section aria-labelledby="suggest-title">
          <h2 id="suggest-title">{ts('heading')}</h2>
          <p className={styles.meta}>{ts('intro')}</p>
          {suggestions.length ? (
            <ul>
              {suggestions.map((s) => (
                <li key={s.id}>
                  {s.title} <span className={styles.status}>{ts(`status.${s.status}`)}</span>
                  {s.status === 'DECLINED' && s.declineReason ? ` (${s.declineReason})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          <SuggestForm
            roundId={round.id}
            locale={locale}
            remaining={Math.max(0, round.suggestionsPerPatron - suggestions.length)}
            labels={{
              topic: ts('topic'),
              why: ts('why'),
              sending: ts('sending'),
              submit: ts('submit'),
              remaining: ts('remaining', { count: Math.max(0, round.suggestionsPerPatron - suggestions.length) }),
            }}
          />
        </section>
      ) : null}
    </section>
  );
}
