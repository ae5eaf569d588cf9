import type { Metadata } from 'next';
import Forbidden from '../forbidden';

export const metadata: Metadata = { title: 'No access', robots: { index: false } };

/** Fallback for requireRole() while experimental.authInterrupts (forbidden()) is not enabled. */
export default function ForbiddenPage() {
  return <Forbidden />;
}
