'use server';

import { revalidatePublicPath, revalidateReaderPath } from '@/lib/articles/revalidate';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { castVote, withdrawVote } from '@/lib/voting/votes';
import { pickTopicAsNonPatron, unpickTopic } from '@/lib/voting/pending';
import { suggestTopic } from '@/lib/voting/topics';
import { isVotingError, votingErrorMessage } from '@/lib/voting/rules';
import { LOCALES, localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { consumeLimit, limitMessageIn } from '@/lib/limits/limiter';
import { fieldErrorsIn } from '@/lib/errors/domain-error';

export type VoteFormState = { ok: boolean; message: string | null };
export type SuggestFormState = {
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: { title: string; description: string };
};

const voteForm = z.object({
  topicId: z.string().trim().min(1).max(100),
  intent: z.enum(['cast', 'withdraw', 'pick', 'unpick']),
  back: z
    .string()
    .regex(/^\/topics(\/[a-z0-9-]+)?$/)
    .catch('/topics'),
  locale: z.enum(LOCALES).catch('en'),
});

/** The sign-in page in the reader's language, coming back to the page they were on. */
function localizedSignIn(locale: Locale, back: string): string {
  return localePath(locale, signInPath(localePath(locale, back)));
}

/** Cast / withdraw (patrons) or pick / unpick (signed-in non-patrons). Every check happens on the server. */
export async function voteAction(_prev: VoteFormState, fd: FormData): Promise<VoteFormState> {
  const parsed = voteForm.safeParse({
    topicId: fd.get('topicId'),
    intent: fd.get('intent'),
    back: fd.get('back') ?? '/topics',
    locale: fd.get('locale'),
  });
  const replyIn = parsed.success ? parsed.data.locale : toLocale(fd.get('locale'));
  const t = translator(replyIn, 'voting.actions');
  if (!parsed.success) return { ok: false, message: t('invalid') };
  const { topicId, intent, back, locale } = parsed.data;
  const user = await getCurrentUser();
  if (!user) redirect(localizedSignIn(locale, back));
  const limit = await consumeLimit('votes', user.id);
  if (!limit.ok) return { ok: false, message: limitMessageIn(limit, locale) };
  try {
    let message: string;
    if (intent === 'cast') {
      const r = await castVote(user.id, topicId);
      message = t('counted', { remaining: r.remaining, budget: r.budget });
    } else if (intent === 'withdraw') {
      const r = await withdrawVote(user.id, topicId);
      message = t('withdrawn', { remaining: r.remaining, budget: r.budget });
    } else if (intent === 'pick') {
      await pickTopicAsNonPatron(user.id, topicId);
      message = t('picked');
    } else {
      await unpickTopic(user.id, topicId);
      message = t('unpicked');
    }
    revalidatePublicPath(localePath(locale, back));
    return { ok: true, message };
  } catch (err) {
    if (isVotingError(err)) return { ok: false, message: votingErrorMessage(err, locale) };
    throw err;
  }
}

export async function suggestAction(_prev: SuggestFormState, fd: FormData): Promise<SuggestFormState> {
  const values = { title: String(fd.get('title') ?? '').slice(0, 1000), description: String(fd.get('description') ?? '').slice(0, 5000) };
  const roundId = fd.get('roundId');
  const locale = toLocale(fd.get('locale'));
  const t = translator(locale, 'voting.actions');
  const user = await getCurrentUser();
  if (!user) redirect(localizedSignIn(locale, '/topics'));
  const limit = await consumeLimit('suggestions', user.id);
  if (!limit.ok) return { ok: false, message: limitMessageIn(limit, locale), errors: {}, values };
  try {
    await suggestTopic(user.id, typeof roundId === 'string' ? roundId : '', values);
    revalidateReaderPath('/topics');
    return {
      ok: true,
      message: t('suggested'),
      errors: {},
      values: { title: '', description: '' },
    };
  } catch (err) {
    if (isVotingError(err)) {
      // Field errors in the page's language (the suggestion's own sentences; English for anything else).
      const errors = fieldErrorsIn(err, locale);
      const message = err.fieldSentences ? (Object.values(errors)[0] ?? votingErrorMessage(err, locale)) : votingErrorMessage(err, locale);
      return { ok: false, message, errors, values };
    }
    throw err;
  }
}
