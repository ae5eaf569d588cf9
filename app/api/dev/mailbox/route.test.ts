import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { sendEmail } from '@/lib/mail/send';
import MailboxPage from '@/app/dev/mailbox/page';
import MailboxMessagePage from '@/app/dev/mailbox/[id]/page';
import { GET } from './route';

setupTestDb();
afterEach(() => vi.unstubAllEnvs());

const get = (to: string) => GET(new Request(`http://x/api/dev/mailbox?to=${encodeURIComponent(to)}`));
const isNotFound = (e: unknown) => String((e as { digest?: string }).digest ?? '').includes('404');

describe('the mailbox', () => {
  it('shows the outbox in test mode', async () => {
    vi.stubEnv('EMAIL_SERVER', '');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await sendEmail({
      to: 'box@example.com',
      subject: 'Sign in',
      text: 'http://localhost/signin/confirm?token=t',
      html: '<p>x</p>',
      kind: 'magic-link',
    });
    const res = await get('box@example.com');
    expect(res.status).toBe(200);
    expect((await res.json()).messages[0]).toMatchObject({ to: 'box@example.com', links: ['http://localhost/signin/confirm?token=t'] });
  });

  it('answers 404 outside test mode: JSON, list and message pages', async () => {
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    vi.stubEnv('STRIPE_SECRET_KEY', 'sk_live_x');
    vi.stubEnv('STRIPE_API_HOST', '');
    const res = await get('box@example.com');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('box@example.com');
    await expect(MailboxPage()).rejects.toSatisfy(isNotFound);
    await expect(MailboxMessagePage({ params: Promise.resolve({ id: 'abc' }) })).rejects.toSatisfy(isNotFound);
  });

  it('answers 404 when mail really goes out even while payments use the stand-in', async () => {
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    vi.stubEnv('STRIPE_SECRET_KEY', '');
    expect((await get('box@example.com')).status).toBe(404);
  });
});
