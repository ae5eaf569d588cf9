/** Runs `next build` with what every node must share, then stamps the build (scripts/build-stamp.ts). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { applyServerActionsKey } from '@/lib/config/cluster';
import { deploymentIdFor, sourceHash, writeStamp } from './build-stamp';

type Env = Record<string, string | undefined>;

export async function buildApp(root: string, env: Env, distDir: string, settings: string): Promise<void> {
  const deploymentId = deploymentIdFor(env, sourceHash(root));
  const buildEnv: Env = { ...env, DEPLOYMENT_ID: deploymentId };
  // Derived from NEXTAUTH_SECRET unless set: the same key at build time as when serving.
  applyServerActionsKey(buildEnv);
  // The heap limit a node serves with (README "Memory") is too small for a build.
  buildEnv.NODE_OPTIONS = (env.NODE_OPTIONS ?? '').replace(/--max-old-space-size=\S+/g, '').trim();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      stdio: 'inherit',
      env: buildEnv as NodeJS.ProcessEnv,
      cwd: root,
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
  // Hashed after the build: what the nodes will find on disk (next build may touch tsconfig.json).
  writeStamp(root, distDir, { sources: sourceHash(root), deploymentId, settings, builtAt: new Date().toISOString() });
}
