/**
 * Why patrons leave: the categories /account/cancel and /cancel offer, each mapped to Stripe's
 * cancellation_details.feedback so the reason is recorded on the subscription in Stripe too. What a
 * reader reads for each is in the catalogues (retention.reasons.<key>).
 */
export const CANCEL_REASONS = {
  too_expensive: { feedback: 'too_expensive' },
  not_reading: { feedback: 'unused' },
  coverage: { feedback: 'low_quality' },
  other_newsroom: { feedback: 'switched_service' },
  service: { feedback: 'customer_service' },
  other: { feedback: 'other' },
  unspecified: { feedback: null },
} as const satisfies Record<string, { feedback: string | null }>;

export type CancelReason = keyof typeof CANCEL_REASONS;
export const CANCEL_REASON_KEYS = Object.keys(CANCEL_REASONS) as [CancelReason, ...CancelReason[]];
