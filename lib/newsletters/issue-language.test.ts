/**
 * An issue in each recipient's language (issue #16): the desk may give an issue a Ukrainian subject
 * and introduction; a recipient whose account (User.locale) or, without an account, whose sign-up
 * page (NewsletterSubscription.locale) is Ukrainian gets them, with the email's own words (footer,
 * unsubscribe link) in Ukrainian too. Without a Ukrainian version everyone gets the English subject
 * and introduction, still with the footer in their language.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { errorMessageIn, type DomainError } from '@/lib/errors/domain-error';
import { drainJobs } from '@/lib/jobs/testing';
import { makeUser } from '@/lib/voting/testing';
import { createIssue, previewIssue, recipientLocales, startIssue } from './issues';
import { requestSignup } from './subscriptions';
import { confirmedSubscriber, makeArticle, makeNewsletter } from './testing';

const db = setupTestDb();
afterEach(() => vi.unstubAllEnvs());

async function sentTo(email: string) {
  return db.prisma.email.findFirstOrThrow({ where: { kind: 'newsletter', to: email } });
}

describe('newsletter issues in the recipient’s language', () => {
  it('sends the Ukrainian subject, introduction and footer to Ukrainian readers and the English to the others', async () => {
    const n = await db.prisma.newsletter.update({
      where: { id: (await makeNewsletter(db.prisma)).id },
      data: { translations: { uk: { name: 'Щотижневик' } } },
    });
    const a = await makeArticle(db.prisma, { title: 'Ferry is back' });
    // The article's published Ukrainian translation is what Ukrainian readers get.
    const ukArticle = await makeArticle(db.prisma, { title: 'Пором повернувся' });
    await db.prisma.article.update({ where: { id: ukArticle.id }, data: { locale: 'uk', translationOfId: a.id } });
    const ukReader = await makeUser(db.prisma);
    await db.prisma.user.update({ where: { id: ukReader.id }, data: { locale: 'uk' } });
    const enReader = await makeUser(db.prisma);
    // An account's language wins over the page a sign-up came from.
    await db.prisma.newsletterSubscription.create({
      data: { newsletterId: n.id, email: ukReader.email, userId: ukReader.id, status: 'CONFIRMED', locale: 'en' },
    });
    await db.prisma.newsletterSubscription.create({
      data: { newsletterId: n.id, email: enReader.email, userId: enReader.id, status: 'CONFIRMED', locale: 'uk' },
    });
    // Without an account: the language of the page they signed up on (requestSignup records it).
    await requestSignup({ email: 'kyiv@example.com', newsletter: n.slug, source: 'footer', locale: 'uk' });
    // Its confirmation email names the newsletter in Ukrainian too.
    await drainJobs({ names: ['newsletter.confirm', 'email.send'] });
    const confirm = await db.prisma.email.findFirstOrThrow({ where: { kind: 'newsletter-confirm', to: 'kyiv@example.com' } });
    expect(confirm.subject).toBe('Підтвердьте підписку на Щотижневик');
    await db.prisma.newsletterSubscription.updateMany({ where: { email: 'kyiv@example.com' }, data: { status: 'CONFIRMED' } });
    await confirmedSubscriber(db.prisma, n.id, 'plain@example.com');

    const issue = await createIssue(
      {
        newsletterId: n.id,
        subject: 'The ferry returns',
        intro: 'Good news from the river.',
        articleIds: [a.id],
        translations: { uk: { subject: 'Пором повертається', intro: 'Добрі новини з річки.' } },
      },
      null,
    );
    expect(await startIssue(issue)).toBe(true);
    await drainJobs({ names: ['newsletter.send-batch'] });

    for (const email of [ukReader.email, 'kyiv@example.com']) {
      const m = await sentTo(email);
      expect(m.subject).toBe('Пором повертається');
      expect(m.html).toContain('lang="uk"');
      expect(m.text).toContain('Добрі новини з річки.');
      expect(m.text).toContain('Щотижневик');
      expect(m.text).toContain('Відписатися або керувати розсилками');
      expect(m.text).toMatch(/\/uk\/newsletters\/preferences\?token=/);
      expect(m.text).not.toContain('Unsubscribe or manage');
      expect(m.text).toContain('Пором повернувся');
      expect(m.text).toContain(`/uk/articles/${ukArticle.slug}`);
    }
    for (const email of [enReader.email, 'plain@example.com']) {
      const m = await sentTo(email);
      expect(m.subject).toBe('The ferry returns');
      expect(m.html).toContain('lang="en"');
      expect(m.text).toContain('Good news from the river.');
      expect(m.text).toContain('Unsubscribe or manage your newsletters');
      expect(m.text).not.toMatch(/\/uk\//);
      expect(m.text).toContain('Ferry is back');
    }
  });

  it('falls back to the English subject and introduction, field by field, with the footer still in the reader’s language', async () => {
    const n = await makeNewsletter(db.prisma);
    const a = await makeArticle(db.prisma);
    const ukReader = await makeUser(db.prisma);
    await db.prisma.user.update({ where: { id: ukReader.id }, data: { locale: 'uk' } });
    const sub = await confirmedSubscriber(db.prisma, n.id, ukReader.email, ukReader.id);
    expect((await recipientLocales([sub.id])).get(sub.id)).toBe('uk');

    const plain = await createIssue({ newsletterId: n.id, subject: 'Only in English', intro: 'English intro.', articleIds: [a.id] }, null);
    const half = await createIssue(
      {
        newsletterId: n.id,
        subject: 'Half translated',
        intro: 'Intro in English.',
        articleIds: [a.id],
        translations: { uk: { subject: 'Наполовину' } },
      },
      null,
    );
    const p1 = await previewIssue(plain, 'uk');
    expect(p1.subject).toBe('Only in English');
    expect(p1.text).toContain('English intro.');
    expect(p1.text).toContain('Відписатися або керувати розсилками');
    const p2 = await previewIssue(half, 'uk');
    expect(p2.subject).toBe('Наполовину');
    expect(p2.text).toContain('Intro in English.');
    expect((await previewIssue(half)).subject).toBe('Half translated');

    await startIssue(plain);
    await drainJobs({ names: ['newsletter.send-batch'] });
    const m = await sentTo(ukReader.email);
    expect(m.subject).toBe('Only in English');
    expect(m.text).toContain('Відписатися або керувати розсилками');
  });

  it('refuses a Ukrainian subject on two lines, in the staff member’s language', async () => {
    const n = await makeNewsletter(db.prisma);
    const a = await makeArticle(db.prisma);
    const refusal = await createIssue(
      { newsletterId: n.id, subject: 'Fine', articleIds: [a.id], translations: { uk: { subject: 'Рядок\nдругий' } } },
      null,
    ).catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: 'INVALID',
      status: 400,
      message: 'The Ukrainian subject must be one line of at most 200 characters.',
    });
    expect(errorMessageIn(refusal as DomainError, 'uk')).toBe(
      'Тема українською має вміщатися в один рядок і не перевищувати 200 символів.',
    );
  });
});
