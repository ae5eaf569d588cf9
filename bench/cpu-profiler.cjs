// Loaded with --require into each node process by BENCH_CPU_PROFILE=<dir> (bench/http-votes.ts): a V8
// CPU profile of the whole life of the process, written to <dir>/<pid>.cpuprofile when it exits
// (Node 20 refuses --cpu-prof in NODE_OPTIONS). Open it in Chrome DevTools or read its top frames.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // Main-thread sessions answer synchronously, so this completes inside the exit handler.
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
