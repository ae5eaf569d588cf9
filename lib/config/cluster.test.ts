import { describe, expect, it } from 'vitest';
import { applyServerActionsKey, serverActionsKey } from './cluster';

describe('Server Actions encryption key', () => {
  it("is the operator's when set, else derived from NEXTAUTH_SECRET: the same on every node, a 256-bit key", () => {
    expect(serverActionsKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'own', NEXTAUTH_SECRET: 's' })).toBe('own');
    const a = serverActionsKey({ NEXTAUTH_SECRET: 'shared secret' });
    expect(serverActionsKey({ NEXTAUTH_SECRET: 'shared secret' })).toBe(a);
    expect(Buffer.from(a!, 'base64')).toHaveLength(32);
    expect(serverActionsKey({ NEXTAUTH_SECRET: 'another secret' })).not.toBe(a);
    expect(a).not.toContain('shared secret');
    expect(serverActionsKey({})).toBeUndefined();
  });

  it('is put into the environment Next.js reads', () => {
    const env: Record<string, string | undefined> = { NEXTAUTH_SECRET: 'x' };
    applyServerActionsKey(env);
    expect(env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(serverActionsKey({ NEXTAUTH_SECRET: 'x' }));
    const none: Record<string, string | undefined> = {};
    applyServerActionsKey(none);
    expect(none).toEqual({});
  });
});
