/** Emails in the recipient's language: Ukrainian subject, body, plurals and /uk links; English stays as it was. */
import { describe, expect, it } from 'vitest';
import { magicLinkEmail, linkLifetime } from './templates';
import { cancellationConfirmedEmail, paymentFailedEmail } from './billing-templates';
import { topicUpdateEmail } from './voting-templates';
import { giftDeliveryEmail } from '@/lib/gifts/templates';
import { cancelLinkEmail } from '@/lib/retention/templates';
import { renderConfirmEmail } from '@/lib/newsletters/email';

describe('emails in Ukrainian', () => {
  it('the sign-in email: subject, body, lifetime plural and lang', () => {
    const url = 'https://news.example/uk/signin/confirm?token=abc&email=a%40b.c';
    const mail = magicLinkEmail({ url, siteName: 'Ledger', minutes: 30, locale: 'uk' });
    expect(mail.subject).toBe('Вхід на Ledger');
    expect(mail.text).toContain('Щоб увійти, відкрийте це посилання:');
    expect(mail.text).toContain('Посилання спрацює один раз і діє 30 хвилин.');
    expect(mail.text).toContain(url);
    expect(mail.html).toMatch(/<html lang="uk">/);
    expect(mail.html).toContain('Щоб увійти, натисніть кнопку нижче.');
    expect(mail.html).toContain('href="https://news.example/uk/signin/confirm?token=abc&amp;email=a%40b.c"');
    expect(mail.html).not.toContain('Sign in');
  });

  it('link lifetimes follow Ukrainian plural rules (one / few / many)', () => {
    expect(linkLifetime(1, 'uk')).toBe('1 хвилину');
    expect(linkLifetime(3, 'uk')).toBe('3 хвилини');
    expect(linkLifetime(25, 'uk')).toBe('25 хвилин');
    expect(linkLifetime(21, 'uk')).toBe('21 хвилину');
    expect(linkLifetime(60, 'uk')).toBe('1 годину');
    expect(linkLifetime(120, 'uk')).toBe('2 години');
    expect(linkLifetime(300, 'uk')).toBe('5 годин');
    // English unchanged.
    expect(linkLifetime(30)).toBe('30 minutes');
    expect(linkLifetime(60)).toBe('1 hour');
    expect(linkLifetime(1440)).toBe('24 hours');
    expect(linkLifetime(1)).toBe('1 minute');
  });

  it('a topic update: Ukrainian subject, stage, stop sentence, values still escaped', () => {
    const mail = topicUpdateEmail({
      siteName: 'Ledger',
      name: 'Оксана',
      topicTitle: 'Оренда <зросла> & впала',
      stageLabel: 'Збираємо матеріал',
      body: 'Перша новина.',
      topicUrl: 'https://news.example/uk/topics/r/t',
      stopUrl: 'https://news.example/uk/topic-emails/stop?token=x',
      because: 'voted',
      locale: 'uk',
    });
    expect(mail.subject).toBe('Новини теми «Оренда <зросла> & впала»');
    expect(mail.text).toContain('Вітаємо, Оксана!');
    expect(mail.text).toContain('Новини теми «Оренда <зросла> & впала» (Збираємо матеріал):');
    expect(mail.text).toContain(
      'Ви отримали цей лист, бо голосували за цю тему. Вимкнути всі листи про теми одним кліком: https://news.example/uk/topic-emails/stop?token=x',
    );
    expect(mail.html).toContain('Оренда &lt;зросла&gt; &amp; впала');
    expect(mail.html).not.toContain('<зросла>');
    expect(mail.html).toContain('<span style="color:#555">(Збираємо матеріал)</span>');
    expect(mail.html).toContain(
      '<a href="https://news.example/uk/topic-emails/stop?token=x" style="color:#555">Вимкнути всі листи про теми</a>',
    );
    expect(mail.html).toMatch(/<html lang="uk">/);
  });

  it('the same topic update in English is word for word what it was', () => {
    const mail = topicUpdateEmail({
      siteName: 'Ledger',
      name: null,
      topicTitle: 'Bus lanes',
      stageLabel: 'Reporting',
      body: 'First news.',
      topicUrl: 'https://news.example/topics/r/t',
      stopUrl: 'https://news.example/topic-emails/stop?token=x',
      because: 'followed',
    });
    expect(mail.subject).toBe('Update: “Bus lanes”');
    expect(mail.text).toBe(
      [
        'Hello,',
        '',
        'News on “Bus lanes” (Reporting):',
        '',
        'First news.',
        '',
        'Follow the reporting: https://news.example/topics/r/t',
        '',
        'You get this because you follow this topic. Stop all topic emails with one click: https://news.example/topic-emails/stop?token=x',
      ].join('\n'),
    );
    expect(mail.html).toContain(
      '<a href="https://news.example/topic-emails/stop?token=x" style="color:#555">Stop all topic emails</a> (one click, no sign-in).',
    );
  });

  it('billing emails: Ukrainian dates, greeting and reference; English unchanged', () => {
    const failed = paymentFailedEmail({
      siteName: 'Ledger',
      name: null,
      reference: 'in_1',
      amount: '5,00 €',
      updateCardUrl: 'https://news.example/uk/account',
      graceEndsAt: new Date(Date.UTC(2026, 2, 14, 12)),
      locale: 'uk',
    });
    expect(failed.subject).toBe('Ваш платіж на користь Ledger не пройшов');
    expect(failed.text).toContain('Вітаємо!');
    expect(failed.text).toContain('Нам не вдалося списати платіж на 5,00 €.');
    expect(failed.text).toContain('березня 2026');
    expect(failed.text).toContain('Оновити картку: https://news.example/uk/account');
    expect(failed.text).toContain('Номер: in_1');
    const en = cancellationConfirmedEmail({
      siteName: 'Ledger',
      name: 'Ann',
      reference: 'sub_1',
      endsAt: new Date(Date.UTC(2026, 2, 14, 12)),
      accountUrl: 'https://news.example/account',
    });
    expect(en.subject).toBe('Your membership has been cancelled');
    expect(en.text).toContain('Hello Ann,');
    expect(en.text).toContain(
      "We've cancelled your membership as you asked. You remain a patron until March 14, 2026, and you won't be charged again.",
    );
    expect(en.text).toContain('Reference: sub_1');
  });

  it('gift and cancel-link emails: months and minutes in Ukrainian plurals', () => {
    const gift = giftDeliveryEmail({
      siteName: 'Ledger',
      from: 'Ірина',
      tierName: 'Друг',
      months: 3,
      message: null,
      url: 'https://x/uk/gift/redeem?token=t',
      locale: 'uk',
    });
    expect(gift.subject).toBe('Ірина дарує вам членство в Ledger');
    expect(gift.text).toContain('3 місяці членства рівня «Друг»');
    expect(
      giftDeliveryEmail({ siteName: 'L', from: 'I', tierName: 'F', months: 12, message: null, url: 'https://x', locale: 'uk' }).text,
    ).toContain('12 місяців');
    const cancel = cancelLinkEmail({ siteName: 'Ledger', url: 'https://x/uk/cancel/confirm?token=t', minutes: 60, locale: 'uk' });
    expect(cancel.text).toContain('Воно спрацює один раз і діє 1 годину.');
    expect(cancelLinkEmail({ siteName: 'Ledger', url: 'https://x', minutes: 60 }).text).toContain('It works once and expires in 1 hour.');
  });

  it('the newsletter confirmation in the language of the sign-up page', async () => {
    const p = {
      siteName: 'Ledger',
      newsletterName: 'Ранкова розсилка',
      description: 'Щоранку.',
      confirmUrl: 'https://x/uk/newsletters/confirm?token=t',
    };
    const uk = await renderConfirmEmail({ ...p, locale: 'uk' });
    expect(uk.subject).toBe('Підтвердьте підписку на Ранкова розсилка');
    expect(uk.html).toMatch(/<html[^>]*lang="uk"/);
    expect(uk.text).toContain('Підтвердити підписку');
    const en = await renderConfirmEmail(p);
    expect(en.subject).toBe('Confirm your sign-up to Ранкова розсилка');
    expect(en.text).toContain('Confirm my sign-up');
  });
});
