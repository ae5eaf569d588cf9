declare module 'autocannon' {
  type Result = {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  };
  type Options = { url: string; connections: number; headers?: Record<string, string>; requests?: { path: string }[]; timeout?: number } & (
    { duration: number } | { amount: number }
  );
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
