/**
 * A local SMTP sink for benches (bench/newsletter.ts runs it as a child process): the `smtp-server`
 * package on a free port; it reads every message, counts it and drops it. Answers its parent's
 * "count" with the number received.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
// Replies leave at once (no Nagle delay waiting for the client's ACK), as a mail relay's should.
server.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.server.address() as AddressInfo).port }));
process.on('message', (m) => {
  if (m === 'count') process.send?.({ count: received });
});
process.on('disconnect', () => process.exit(0));
