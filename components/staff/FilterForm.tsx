/**
 * The filter bar of staff lists (dashboard and desk): a GET form back to the page, its fields, any
 * hidden parameters to keep (sort order), the submit button and an optional link that clears it.
 * Fields are `InputField`/`SelectField` (./Field) with the classes `filterFieldClasses` gives.
 * The default button and link words are said in the staff member's language (./StaffWord).
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { StaffWord } from './StaffWord';

/** The page's CSS module: `toolbar`, `field`, `input`, `select`, `button` and `secondary` classes. */
export type StaffStyles = Readonly<Record<string, string>>;

/** The classes of a filter bar's fields, to spread into InputField / SelectField. */
export function filterFieldClasses(styles: StaffStyles) {
  return {
    input: { className: styles.field, controlClassName: styles.input },
    select: { className: styles.field, controlClassName: styles.select },
  };
}

export function FilterForm({
  action,
  label,
  search = false,
  submitLabel,
  primary = false,
  clearHref,
  clearLabel,
  hidden = {},
  styles,
  children,
}: {
  /** The page the form reloads with its values as the query string. */
  action: string;
  /** The form's accessible name. */
  label?: string;
  /** A search landmark (`role="search"`): filters of a list. */
  search?: boolean;
  /** The button's words (default: "Filter" in the staff member's language). */
  submitLabel?: ReactNode;
  /** The submit button as the page's primary button (default: secondary). */
  primary?: boolean;
  /** A "Clear" link to the unfiltered page. */
  clearHref?: string;
  /** The clear link's words (default: "Clear" in the staff member's language). */
  clearLabel?: ReactNode;
  /** Parameters the form keeps as they are (e.g. the sort order). */
  hidden?: Record<string, string>;
  styles: StaffStyles;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className={styles.toolbar} role={search ? 'search' : undefined} aria-label={label}>
      {children}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={primary ? styles.button : styles.secondary}>
        {submitLabel ?? <StaffWord word="filter" />}
      </button>
      {clearHref ? (
        <Link href={clearHref} className={styles.secondary}>
          {clearLabel ?? <StaffWord word="clear" />}
        </Link>
      ) : null}
    </form>
  );
}
