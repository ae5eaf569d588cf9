import Link from 'next/link';

/** Rendered (status 403) when a page calls forbidden(): signed in, but without the needed role. */
export default function Forbidden() {
  return (
    <main style={{ maxWidth: 560, margin: '48px auto', padding: '0 16px' }}>
      <h1>You don’t have access to this page</h1>
      <p>You are signed in, but your account doesn’t have the role this page needs. Ask an admin if you think it should.</p>
      <p>
        <Link href="/">Go to the front page</Link> · <Link href="/signin">Sign in with another account</Link>
      </p>
    </main>
  );
}
