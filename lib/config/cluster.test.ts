import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyServerActionsKey, nextDeploymentId, PRODUCTION_SERVER_PHASE, serverActionsKey } from './cluster';

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

describe('deployment id', () => {
  const builtWith = (config: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-dpl-'));
    fs.writeFileSync(path.join(dir, 'required-server-files.json'), JSON.stringify({ version: 1, config }));
    return dir;
  };

  it('is DEPLOYMENT_ID when set, in every phase', () => {
    const dir = builtWith({ deploymentId: 'p-built' });
    expect(nextDeploymentId(PRODUCTION_SERVER_PHASE, { DEPLOYMENT_ID: ' p-own ' }, dir)).toBe('p-own');
    expect(nextDeploymentId('phase-production-build', { DEPLOYMENT_ID: 'p-own' }, dir)).toBe('p-own');
  });

  it('a server started without it (plain `next start`) names the deployment its build was made with', () => {
    expect(nextDeploymentId(PRODUCTION_SERVER_PHASE, {}, builtWith({ deploymentId: 'p-built' }))).toBe('p-built');
    // A build made without one, or no build at all: none (Next refuses a missing build itself).
    expect(nextDeploymentId(PRODUCTION_SERVER_PHASE, {}, builtWith({}))).toBeUndefined();
    expect(nextDeploymentId(PRODUCTION_SERVER_PHASE, {}, builtWith({ deploymentId: '' }))).toBeUndefined();
    expect(nextDeploymentId(PRODUCTION_SERVER_PHASE, {}, path.join(os.tmpdir(), 'patronage-no-build-here'))).toBeUndefined();
  });

  it('a build never takes the id of the build it replaces', () => {
    expect(nextDeploymentId('phase-production-build', {}, builtWith({ deploymentId: 'p-older' }))).toBeUndefined();
  });
});
