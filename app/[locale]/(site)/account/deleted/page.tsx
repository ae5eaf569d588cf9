import Link from 'next/link';

export default function AccountDeletedPage() {
  return (
    <div className="container account-page" data-testid="account-deleted">
      <h1>Your account has been deleted</h1>
      <p>
        We have deleted your account and signed you out. Any membership was canceled first, so you will not be charged again. Records of
        past payments are kept, unlinked from you, as bookkeeping law requires.
      </p>
      <p>
        <Link href="/">Back to the front page</Link>
      </p>
    </div>
  );
}
