import Link from 'next/link';
import type { ReactNode } from 'react';

type Props = {
  /** The page's layout class (account-page, support-page …). */
  className: string;
  title: string;
  message: string;
  home: { href: string; label: string };
};

/** A short page that only tells the reader something (role=status) and offers the way home. */
export function NoticePage({ className, title, message, home }: Props) {
  return (
    <div className={`container ${className}`}>
      <h1>{title}</h1>
      <p role="status">{message}</p>
      <p>
        <Link href={home.href}>{home.label}</Link>
      </p>
    </div>
  );
}

/** A page that only says why it can't go on (role=alert): a refused or used-up link. */
export function AlertPage({ heading, testId, children }: { heading: string; testId?: string; children: ReactNode }) {
  return (
    <div className="container account-page">
      <h1>{heading}</h1>
      <p role="alert" data-testid={testId}>
        {children}
      </p>
    </div>
  );
}
