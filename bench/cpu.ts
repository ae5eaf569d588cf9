/** CPU readings the benchmarks share (Linux /proc; null elsewhere). */
import fs from 'node:fs';

/** Summed user+system CPU seconds of the local PostgreSQL backends whose title names `database`. */
export function pgBackendCpuSeconds(database: string): number | null {
  try {
    let total = 0;
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.startsWith('postgres:') || !cmd.includes(` ${database} `)) continue;
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += (Number(f[11]) + Number(f[12])) / 100; // utime, stime, in 10 ms ticks
      } catch {
        continue; // exited meanwhile
      }
    }
    return total;
  } catch {
    return null;
  }
}

/** [busy, total] CPU ticks of the whole machine. */
export function machineTicks(): [number, number] | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3]! + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return [total - idle, total];
  } catch {
    return null;
  }
}
