/**
 * Loaded with `node --expose-gc --require bench/heap-sampler.cjs` by the soak benchmark and the
 * memory test (never by the app itself). In the server process (scripts/serve.ts) only, it appends one
 * JSON line to $HEAP_SAMPLES_FILE every $HEAP_SAMPLE_MS (default 10 s) and on SIGUSR2: the time,
 * RSS and heap used measured right after a full collection.
 */
'use strict';
const fs = require('node:fs');

const file = process.env.HEAP_SAMPLES_FILE;
if (file && /scripts[\\/]serve\.ts$/.test(process.argv[1] || '')) {
  const sample = (reason) => {
    if (typeof global.gc === 'function') global.gc();
    const m = process.memoryUsage();
    fs.appendFileSync(
      file,
      JSON.stringify({
        t: Date.now(),
        pid: process.pid,
        reason,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
      }) + '\n',
    );
  };
  setInterval(() => sample('interval'), Number(process.env.HEAP_SAMPLE_MS || 10000)).unref();
  process.on('SIGUSR2', () => sample('signal'));
  setImmediate(() => sample('start'));
}
