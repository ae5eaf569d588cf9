/** Voting emails go out in each recipient's language (User.locale), with localised titles and /uk links. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { castVote } from './votes';
import { linkArticleToTopic, notifyVotersOfPublishedArticle } from './topics';
import { makePatron, makeRound, makeTopics } from './testing';

const db = setupTestDb();

describe('voting emails per recipient language', () => {
  it('a Ukrainian voter gets the “published” email in Ukrainian with /uk links; an English voter gets English', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [topic] = await makeTopics(p, round.id, 1);
    await p.topic.update({ where: { id: topic!.id }, data: { translations: { uk: { title: 'Оренда житла' } } } });
    await p.round.update({ where: { id: round.id }, data: { translations: { uk: { title: 'Весняний раунд' } } } });
    const uk = await makePatron(p);
    await p.user.update({ where: { id: uk.id }, data: { locale: 'uk', name: 'Оксана' } });
    const en = await makePatron(p);
    await castVote(uk.id, topic!.id);
    await castVote(en.id, topic!.id);
    const section = await p.section.create({ data: { slug: `s-${Math.random().toString(36).slice(2)}`, name: 'Local' } });
    const article = await p.article.create({
      data: { slug: `a-${Math.random().toString(36).slice(2)}`, title: 'Rents rose', body: 'x', sectionId: section.id, status: 'DRAFT' },
    });
    await linkArticleToTopic(topic!.id, article.id);
    await p.article.update({ where: { id: article.id }, data: { status: 'PUBLISHED', publishedAt: new Date(Date.now() - 1000) } });
    expect(await notifyVotersOfPublishedArticle(topic!.id, article.id)).toBe(2);
    const mails = await p.email.findMany({
      where: { kind: 'voting-topic-published', dedupeKey: { startsWith: `topic-published:${topic!.id}:` } },
    });
    const ukMail = mails.find((m) => m.to === uk.email)!;
    const enMail = mails.find((m) => m.to === en.email)!;
    expect(ukMail.subject).toBe('Ви голосували за цю тему: «Rents rose» вже опубліковано');
    expect(ukMail.text).toContain('Вітаємо, Оксана!');
    expect(ukMail.text).toContain('У раунді «Весняний раунд» ви проголосували за тему «Оренда житла».');
    expect(ukMail.text).toContain(`/uk/articles/${article.slug}`);
    expect(ukMail.text).toContain(`/uk/topics/${round.slug}`);
    expect(ukMail.html).toMatch(/<html lang="uk">/);
    expect(enMail.subject).toBe('You voted for it: “Rents rose” is out');
    expect(enMail.text).toContain(`In “${round.title}” you voted for the topic “${topic!.title}”.`);
    expect(enMail.text).not.toContain('/uk/');
  });
});
