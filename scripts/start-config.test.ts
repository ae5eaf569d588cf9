import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStartEnv, sessionSecret, standInWiring } from './start-config';

const root = path.resolve(import.meta.dirname, '..');

describe('npm start settings', () => {
  it('defaults SITE_URL and NEXTAUTH_URL to localhost on PORT', () => {
    const env: Record<string, string | undefined> = {};
    expect(resolveStartEnv(env, 3456).problems).toEqual([]);
    expect(env).toMatchObject({ SITE_URL: 'http://localhost:3456', NEXTAUTH_URL: 'http://localhost:3456' });
  });

  it('lets a user-set STRIPE_WEBHOOK_SECRET win over the stand-in default, and the stand-in signs with it', () => {
    const own = standInWiring({ STRIPE_WEBHOOK_SECRET: 'whsec_mine' }, { app: 3000, standIn: 12111 }, '/srv');
    expect(own.app.STRIPE_WEBHOOK_SECRET).toBe('whsec_mine');
    expect(own.standIn.STRIPE_SANDBOX_WEBHOOK_SECRET).toBe('whsec_mine');
    const dflt = standInWiring({}, { app: 3000, standIn: 12111 }, '/srv');
    expect(dflt.app.STRIPE_WEBHOOK_SECRET).toBe('whsec_patronage_local');
    expect(dflt.standIn).toMatchObject({
      STRIPE_SANDBOX_WEBHOOK_SECRET: 'whsec_patronage_local',
      STRIPE_SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:3000/api/stripe/webhook',
      STRIPE_SANDBOX_STATE: '/srv/data/stripe-sandbox.json',
    });
    expect(dflt.app).toMatchObject({
      STRIPE_SECRET_KEY: 'sk_test_patronage_local',
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: '12111',
    });
  });

  it('generates a session secret only in test mode, and keeps it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-secret-'));
    try {
      const a = sessionSecret({}, dir);
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(sessionSecret({}, dir)).toBe(a);
      expect(sessionSecret({ NEXTAUTH_SECRET: 'own' }, dir)).toBe('own');
      expect(() => sessionSecret({ EMAIL_SERVER: 'smtp://x', STRIPE_SECRET_KEY: 'sk_live_x' }, dir)).toThrow(/NEXTAUTH_SECRET is not set/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // The real command: it refuses before starting anything (no stand-in, no database, no build).
  const start = (env: Record<string, string>) =>
    spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        PORT: '3999',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        ...env,
      },
    });

  it.each([
    [{ SITE_URL: 'https://news.example.org' }, /SITE_URL is https:\/\/news\.example\.org, a public address.*ALLOW_PUBLIC_TEST_MODE=1/],
    [{ STRIPE_SECRET_KEY: 'sk_live_nope' }, /STRIPE_SECRET_KEY is a live key/],
    [
      { EMAIL_SERVER: 'smtp://mail.example:587', STRIPE_SECRET_KEY: 'sk_live_nope', SITE_URL: 'https://news.example.org' },
      /NEXTAUTH_SECRET is not set/,
    ],
    // On PostgreSQL even a test-mode site needs the one secret every node shares.
    [{}, /NEXTAUTH_SECRET is not set: on PostgreSQL \(DATABASE_URL\) every node must sign sessions with the same secret/],
  ])('npm start refuses %o with a message naming the setting', (env, message) => {
    const res = start(env);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Refusing to start/);
    expect(res.stderr).toMatch(message);
  });

  // Serving never builds on PostgreSQL: with no build (or a stale one) both commands refuse before
  // touching the database (the one configured here does not exist) or starting anything.
  const production = {
    EMAIL_SERVER: 'smtp://mail.example:587',
    STRIPE_SECRET_KEY: 'sk_test_x',
    NEXTAUTH_SECRET: 'shared',
    NEXT_DIST_DIR: '.next-none-start-config-test',
  };
  it('npm start on PostgreSQL refuses a missing build with a message saying to run npm run build', () => {
    const res = start(production);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/Refusing to start:\n- There is no build in \.next-none-start-config-test\/.*Run `npm run build`/);
    expect(res.stdout).not.toMatch(/Building the app/);
    expect(fs.existsSync(path.join(root, production.NEXT_DIST_DIR))).toBe(false);
  });

  it('npm run serve on PostgreSQL refuses it too', () => {
    const res = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/serve.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        PORT: '3998',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        ...production,
      },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/\[serve\] Refusing to start:\n- There is no build in \.next-none-start-config-test\//);
  });
});
