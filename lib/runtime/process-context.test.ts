import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { captureProcessContext, inProcessContext } from './process-context';

describe('inProcessContext', () => {
  it('runs outside the request whose context it is called from, so what it opens does not carry that request', async () => {
    const requests = new AsyncLocalStorage<{ id: number }>();
    captureProcessContext(); // outside any request, as instrumentation.ts does
    const seen = await requests.run({ id: 1 }, async () => {
      const inside = requests.getStore()?.id;
      const fromProcess = inProcessContext(() => requests.getStore()?.id);
      // A promise made there resolves, later, still without the request's store.
      const later = await inProcessContext(
        () => new Promise<number | undefined>((resolve) => setTimeout(() => resolve(requests.getStore()?.id), 5)),
      );
      return { inside, fromProcess, later, after: requests.getStore()?.id };
    });
    expect(seen).toEqual({ inside: 1, fromProcess: undefined, later: undefined, after: 1 });
  });
});
