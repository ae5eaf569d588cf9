import { afterEach, describe, expect, it } from 'vitest';
import { beginDraining, closeAll, isDraining, onShutdown, resetLifecycleForTesting } from './lifecycle';

afterEach(() => resetLifecycleForTesting());

describe('shutdown', () => {
  it('drains, then closes newest first, each awaited', async () => {
    const order: string[] = [];
    onShutdown('database', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('database');
    });
    onShutdown('scheduled work', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('scheduled work');
    });
    expect(isDraining()).toBe(false);
    beginDraining();
    expect(isDraining()).toBe(true);
    expect(await closeAll(Date.now() + 1_000)).toEqual([]);
    expect(order).toEqual(['scheduled work', 'database']);
    expect(await closeAll(Date.now() + 1_000)).toEqual([]); // each closes once
  });

  it('reports what failed or outlived the deadline, and still closes the rest', async () => {
    const closed: string[] = [];
    onShutdown('pool', () => void closed.push('pool'));
    onShutdown('hangs', () => new Promise<void>(() => undefined));
    onShutdown('throws', () => {
      throw new Error('boom');
    });
    const started = Date.now();
    expect(await closeAll(Date.now() + 100)).toEqual(['throws (failed)', 'hangs (timeout)']);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(closed).toEqual(['pool']);
  });
});
