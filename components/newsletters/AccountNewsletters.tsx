import type { Choice } from '@/lib/newsletters/subscriptions';

/** /account: a signed-in reader's newsletters, ticked or not; saved by the page's server action. */
export function AccountNewsletters({
  choices,
  isPatron,
  saved,
  action,
}: {
  choices: Choice[];
  isPatron: boolean;
  saved: boolean;
  action: (fd: FormData) => Promise<void>;
}) {
  return (
    <section id="newsletters" aria-labelledby="newsletters-heading" data-testid="account-newsletters">
      <h2 id="newsletters-heading">Newsletters</h2>
      {saved ? <p role="status">Your newsletter choices are saved.</p> : null}
      {choices.length ? (
        <form action={action}>
          <ul className="plain-list">
            {choices.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" name="newsletter" value={c.id} defaultChecked={c.subscribed || c.pending} />{' '}
                  <strong>{c.name}</strong> ({c.cadence}
                  {c.audience === 'PATRONS' ? ', for patrons' : ''})
                </label>
                <br />
                <span>{c.description}</span>
                {c.audience === 'PATRONS' && !isPatron ? <span> It is sent only while you are a patron.</span> : null}
              </li>
            ))}
          </ul>
          <button type="submit" className="button secondary">
            Save newsletter choices
          </button>
        </form>
      ) : (
        <p>We have no newsletters yet.</p>
      )}
    </section>
  );
}
