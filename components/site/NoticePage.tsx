import Link from 'next/link';

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
