/**
 * What the last action on a staff page did, from the `?done=` / `?failed=` of the redirect that
 * followed it: a status line, or an alert. The text comes from the URL, so it is capped (200 characters).
 */
import type { StaffStyles } from './FilterForm';

const MAX = 200;

export function ActionOutcome({
  done,
  failed,
  styles,
  failedClass = 'alert',
}: {
  done?: string | null;
  failed?: string | null;
  /** The page's CSS module: `success` and `alert` (or `error`) classes. */
  styles: StaffStyles;
  failedClass?: 'alert' | 'error';
}) {
  return (
    <>
      {done ? (
        <p className={styles.success} role="status">
          {done.slice(0, MAX)}
        </p>
      ) : null}
      {failed ? (
        <p className={styles[failedClass]} role="alert">
          {failed.slice(0, MAX)}
        </p>
      ) : null}
    </>
  );
}
