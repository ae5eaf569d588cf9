/**
 * One app node for `BENCH_NODES=<n> npm run bench -- webhooks` and for
 * lib/billing/webhooks/two-nodes.pg.test.ts: the webhook route (app/api/stripe/
 * webhook/route.ts) behind a bare HTTP server, in its own process, on the database in DATABASE_URL and
 * the Stripe stand-in in STRIPE_API_HOST/PORT. Not `next start`: the bench measures the route and the
 * mirror across processes, not Next's server. Prints `listening <port>` when ready; GET /cpu answers
 * this process's CPU time (µs), so the driver can report CPU per delivery across nodes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { POST } from '@/app/api/stripe/webhook/route';

// As `next start`: no source-mapped stack traces (the Stripe SDK captures a stack per request).
process.setSourceMapsEnabled(false);

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/cpu') {
    const cpu = process.cpuUsage();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ micros: cpu.user + cpu.system }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const sig = req.headers['stripe-signature'];
    if (typeof sig === 'string') headers['stripe-signature'] = sig;
    POST(new Request('http://patronage.test/api/stripe/webhook', { method: 'POST', body: Buffer.concat(chunks), headers }))
      .then(async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
      .catch((err: unknown) => res.writeHead(500).end(JSON.stringify({ error: String(err) })));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
