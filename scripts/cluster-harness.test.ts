import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNginxConf } from './cluster-harness';

const template = fs.readFileSync(path.join(process.cwd(), 'deploy', 'nginx.conf'), 'utf8');
const nginx = '/usr/sbin/nginx';

describe('deploy/nginx.conf', () => {
  it('fills the port and one upstream server per node, and refuses a placeholder left empty', () => {
    const conf = renderNginxConf(template, { listen: 8080, upstreams: ['127.0.0.1:8081', '127.0.0.1:8082'] });
    expect(conf).toContain('listen 8080 reuseport;');
    expect(conf.match(/^\s*upstream patronage \{[^}]*\}/m)?.[0]).toMatch(
      /server 127\.0\.0\.1:8081 max_fails=2 fail_timeout=5s; server 127\.0\.0\.1:8082 max_fails=2 fail_timeout=5s;/,
    );
    expect(conf).not.toMatch(/\$\{PATRONAGE_/);
    expect(() => renderNginxConf(template.replace('${PATRONAGE_LISTEN}', '${PATRONAGE_PORT}'), { listen: 1, upstreams: [] })).toThrow(
      /PATRONAGE_PORT/,
    );
  });

  it.skipIf(!fs.existsSync(nginx))("is a configuration Debian's nginx accepts, run as this user in a folder of its own", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-nginx-'));
    try {
      for (const d of ['logs', 'cache', 'tmp']) fs.mkdirSync(path.join(dir, d));
      const conf = path.join(dir, 'nginx.conf');
      fs.writeFileSync(conf, renderNginxConf(template, { listen: 18080, upstreams: ['127.0.0.1:18081', '127.0.0.1:18082'] }));
      const out = execFileSync(nginx, ['-t', '-p', dir, '-e', 'stderr', '-c', conf], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out).toBe('');
    } catch (e) {
      throw new Error(`nginx -t refused the configuration: ${(e as { stderr?: string }).stderr ?? e}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
