import { describe, expect, it } from 'vitest';
import { WriteBatcher } from '../../src/store/writeBatcher.js';

describe('WriteBatcher', () => {
  it('writes the first item at once and those arriving meanwhile together, each caller its own result', async () => {
    const batches: number[][] = [];
    const batcher = new WriteBatcher<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setImmediate(r));
      return items.map((i) => i * 10);
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => batcher.run(i)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    // Idle again: the next item goes alone, at once.
    expect(await batcher.run(6)).toBe(60);
    expect(batches).toEqual([[1], [2, 3, 4, 5], [6]]);
  });

  it('keeps batches at the maximum size', async () => {
    const sizes: number[] = [];
    const batcher = new WriteBatcher<number, void>(async (items) => {
      sizes.push(items.length);
      await new Promise((r) => setImmediate(r));
      return items.map(() => undefined);
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.run(i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });

  it('fails every caller of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const batcher = new WriteBatcher<string, string>(async (items) => {
      calls++;
      await new Promise((r) => setImmediate(r));
      if (calls === 2) throw new Error('database gone');
      return items;
    });
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((x) => batcher.run(x)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await batcher.run('d')).toBe('d');
  });
});
