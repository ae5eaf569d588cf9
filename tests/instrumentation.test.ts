import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../instrumentation';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

// The server's own start-up (next start without npm start) refuses what npm start refuses.
describe('server start-up', () => {
  it('exits with the message naming the setting when a test-mode site looks public', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    vi.stubEnv('NEXT_PHASE', 'phase-production-server');
    vi.stubEnv('EMAIL_SERVER', '');
    vi.stubEnv('SITE_URL', 'https://news.example.org');
    vi.stubEnv('NEXTAUTH_URL', '');
    vi.stubEnv('ALLOW_PUBLIC_TEST_MODE', '');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    await expect(register()).rejects.toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /Refusing to start[\s\S]*SITE_URL is https:\/\/news\.example\.org[\s\S]*ALLOW_PUBLIC_TEST_MODE=1/,
    );
  });

  it('exits outside test mode without NEXTAUTH_SECRET', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    vi.stubEnv('NEXT_PHASE', 'phase-production-server');
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    vi.stubEnv('STRIPE_SECRET_KEY', 'sk_live_x');
    vi.stubEnv('STRIPE_API_HOST', '');
    vi.stubEnv('NEXTAUTH_SECRET', '');
    vi.stubEnv('AUTH_SECRET', '');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    await expect(register()).rejects.toThrow('exit 1');
    expect(String(error.mock.calls[0]?.[0])).toMatch(/NEXTAUTH_SECRET is not set/);
  });

  it('does nothing during the build', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs');
    vi.stubEnv('NEXT_PHASE', 'phase-production-build');
    vi.stubEnv('SITE_URL', 'https://news.example.org');
    vi.stubEnv('EMAIL_SERVER', '');
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    await register();
    expect(exit).not.toHaveBeenCalled();
  });
});
