import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/storage/batcher.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatcher', () => {
  it('hands items submitted together to one run and answers each with its own result, in order', async () => {
    const runs: number[][] = [];
    const double = createBatcher(async (items: number[]) => {
      runs.push(items);
      return items.map((n) => n * 2);
    }, { maxBatch: 100, maxInFlight: 1 });
    expect(await Promise.all([1, 2, 3, 4].map(double))).toEqual([2, 4, 6, 8]);
    expect(runs).toEqual([[1, 2, 3, 4]]);
  });

  it('collects what arrives while a batch runs into the next one, never running more than maxInFlight at once', async () => {
    let running = 0;
    let most = 0;
    const runs: number[][] = [];
    const release: (() => void)[] = [];
    const batched = createBatcher(async (items: number[]) => {
      running++;
      most = Math.max(most, running);
      runs.push(items);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return items;
    }, { maxBatch: 100, maxInFlight: 1 });
    const first = batched(1);
    await tick();
    const later = [2, 3, 4].map(batched);
    await tick();
    expect(runs).toEqual([[1]]);
    release.shift()?.();
    await first;
    await tick();
    await tick();
    expect(runs).toEqual([[1], [2, 3, 4]]);
    release.shift()?.();
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
    expect(most).toBe(1);
  });

  it('splits at maxBatch and never runs items sharing a key at the same time', async () => {
    const runs: string[][] = [];
    const running = new Set<string>();
    const batched = createBatcher(async (items: string[]) => {
      runs.push(items);
      const keys = items.map((item) => item.split(':')[0] as string);
      for (const key of keys) expect(running.has(key), `${key} runs twice at once`).toBe(false);
      for (const key of keys) running.add(key);
      await tick();
      for (const key of keys) running.delete(key);
      return items;
    }, { maxBatch: 3, maxInFlight: 4, keysOf: (item) => [item.split(':')[0] as string] });
    expect(await Promise.all(['a:1', 'a:2', 'b:1', 'c:1', 'd:1', 'a:3'].map(batched))).toEqual(['a:1', 'a:2', 'b:1', 'c:1', 'd:1', 'a:3']);
    // a:2 waits for the batch holding a:1, a:3 for the one holding a:2; d:1 does not wait.
    expect(runs).toEqual([['a:1', 'b:1', 'c:1'], ['d:1'], ['a:2'], ['a:3']]);
  });

  it('closes a batch at maxSize, yet runs an item larger than maxSize alone', async () => {
    const runs: number[][] = [];
    const batched = createBatcher(async (items: number[]) => {
      runs.push(items);
      return items;
    }, { maxBatch: 100, maxInFlight: 1, maxSize: 10, sizeOf: (n) => n });
    await Promise.all([4, 5, 3, 25, 1].map(batched));
    expect(runs).toEqual([[4, 5, 1], [3], [25]]);
  });

  it('rejects only the items whose result is an error, and every item of a batch whose run throws', async () => {
    const batched = createBatcher(async (items: number[]) => {
      if (items.includes(0)) throw new Error('the whole batch failed');
      return items.map((n) => (n % 2 === 0 ? new Error(`item ${n} failed`) : n));
    }, { maxBatch: 10, maxInFlight: 1 });
    const settled = await Promise.allSettled([1, 2, 3].map(batched));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([1, 'Error: item 2 failed', 3]);
    const failed = await Promise.allSettled([0, 1].map(batched));
    expect(failed.map((s) => s.status === 'rejected' && String(s.reason))).toEqual(['Error: the whole batch failed', 'Error: the whole batch failed']);
  });
});
