/**
 * POST /api/votes  { "topicId": "…", "action": "cast" | "withdraw" | "pick" | "unpick", "locale"?: "en" | "uk" }
 * cast/withdraw: patrons (checked by castVote via patronStatus); pick/unpick: any signed-in reader
 * (remembered until they become a patron). Answers JSON: 200 with the ballot and a `message` for the
 * reader, or 4xx { error, code }; the sentences are in `locale` (the reader's page language), else in
 * the request's language (lib/http/request-locale.ts: the NEXT_LOCALE cookie, else the account's).
 */
import { z } from 'zod';
import { castVote, withdrawVote } from '@/lib/voting/votes';
import { pickTopicAsNonPatron, unpickTopic } from '@/lib/voting/pending';
import { isVotingError, votingErrorMessage } from '@/lib/voting/rules';
import { apiRoute, domainErrorResponse } from '@/lib/http/api-route';
import { sentence } from '@/lib/i18n/sentence';
import { coded } from '@/lib/i18n/said';
import { LOCALES } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { consumeLimit, tooManyRequests } from '@/lib/limits/limiter';

export const dynamic = 'force-dynamic';

const required = coded(sentence('voting.api.topicId'));
const bodySchema = z.object({
  topicId: z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(100, coded(sentence('voting.api.topicIdTooLong'))),
  action: z.enum(['cast', 'withdraw', 'pick', 'unpick'], { error: coded(sentence('voting.api.action')) }).default('cast'),
  locale: z.enum(LOCALES, { error: coded(sentence('voting.api.locale')) }).optional(),
});

export const POST = apiRoute({ role: 'READER', body: bodySchema, maxBytes: 2048 }, async ({ user, body, locale: requestLocale }) => {
  const { topicId, action } = body;
  const locale = body.locale ?? (await requestLocale());
  const limit = await consumeLimit('votes', user.id);
  if (!limit.ok) return tooManyRequests(limit, locale);
  const t = translator(locale, 'voting.actions');
  try {
    switch (action) {
      case 'cast': {
        const r = await castVote(user.id, topicId);
        return Response.json({ ok: true, action, ...r, message: t('counted', { remaining: r.remaining, budget: r.budget }) });
      }
      case 'withdraw': {
        const r = await withdrawVote(user.id, topicId);
        return Response.json({ ok: true, action, ...r, message: t('withdrawn', { remaining: r.remaining, budget: r.budget }) });
      }
      case 'pick':
        await pickTopicAsNonPatron(user.id, topicId);
        return Response.json({ ok: true, action, topicId, message: t('picked') });
      case 'unpick':
        await unpickTopic(user.id, topicId);
        return Response.json({ ok: true, action, topicId, message: t('unpicked') });
    }
  } catch (err) {
    if (isVotingError(err)) return domainErrorResponse(Object.assign(err, { message: votingErrorMessage(err, locale) }), locale);
    throw err;
  }
});
