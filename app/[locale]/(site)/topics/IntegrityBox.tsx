import { formatDate, formatDateTime } from '@/lib/format/dates';
import type { RoundIntegrity } from '@/lib/voting/integrity';
import type { RoundPhase } from '@/lib/voting/rules';
import styles from './topics.module.css';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Who could vote in a round, with how many votes, how many could and how many did: on every round page. */
export function IntegrityBox({ integrity: i, phase }: { integrity: RoundIntegrity; phase: RoundPhase }) {
  if (phase === 'DRAFT') return null;
  const closed = phase === 'CLOSED';
  return (
    <section className={styles.integrity} aria-labelledby="integrity-title">
      <h2 id="integrity-title">How this vote works</h2>
      <dl>
        <dt>Who {closed ? 'could' : 'can'} vote</dt>
        <dd>
          Patrons: members with an active or trial membership, or whose payment failed less than {plural(i.graceDays, 'day', 'days')} ago
          {i.joinedBeforeOpenOnly ? `, who joined before the round opened on ${formatDate(i.opensAt)}` : ''}.
        </dd>
        <dt>Votes per patron</dt>
        <dd>{plural(i.budget, 'vote', 'votes')}, at most one per topic; a patron can withdraw a vote while the round is open.</dd>
        <dt>Eligible patrons</dt>
        <dd data-testid="eligible">
          {plural(i.eligible, 'patron', 'patrons')} {closed ? `when the round closed (${formatDateTime(i.at)})` : 'now'}
        </dd>
        <dt>Turnout</dt>
        <dd data-testid="turnout">
          {plural(i.voters, 'patron', 'patrons')} cast {plural(i.votes, 'vote', 'votes')}
          {i.turnout !== null ? ` (${pct(i.turnout)} of those eligible)` : ''}.
        </dd>
      </dl>
    </section>
  );
}
