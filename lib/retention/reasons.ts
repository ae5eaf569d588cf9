/**
 * Why patrons leave: the categories /account/cancel and /cancel offer, each mapped to Stripe's
 * cancellation_details.feedback so the reason is recorded on the subscription in Stripe too.
 */
export const CANCEL_REASONS = {
  too_expensive: { label: 'It costs more than I can afford right now', feedback: 'too_expensive' },
  not_reading: { label: "I don't read enough to make it worth it", feedback: 'unused' },
  coverage: { label: 'The coverage is not what I hoped for', feedback: 'low_quality' },
  other_newsroom: { label: 'I support another newsroom instead', feedback: 'switched_service' },
  service: { label: 'Something went wrong with my membership or payments', feedback: 'customer_service' },
  other: { label: 'Another reason', feedback: 'other' },
  unspecified: { label: "I'd rather not say", feedback: null },
} as const satisfies Record<string, { label: string; feedback: string | null }>;

export type CancelReason = keyof typeof CANCEL_REASONS;
export const CANCEL_REASON_KEYS = Object.keys(CANCEL_REASONS) as [CancelReason, ...CancelReason[]];

export function reasonLabel(key: string): string {
  return (CANCEL_REASONS as Record<string, { label: string }>)[key]?.label ?? key;
}
