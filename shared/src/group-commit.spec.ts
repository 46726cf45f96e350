import { setTimeout as sleep } from 'node:timers/promises';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('runs an item alone at once, and those that arrive meanwhile together next', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batches = new GroupCommit(async (items: number[]) => {
      runs.push(items);
      if (runs.length === 1) await first;
      return items.map((item) => item * 10);
    });

    const alone = batches.submit(1);
    const later = [batches.submit(2), batches.submit(3), batches.submit(4)];
    expect(runs).toEqual([[1]]);
    release();

    expect(await alone).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every item of a failed batch, and runs the next batch anyway', async () => {
    let calls = 0;
    const batches = new GroupCommit((items: string[]) => {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error('store away')) : Promise.resolve(items);
    });

    const first = batches.submit('a');
    const failed = [batches.submit('b'), batches.submit('c')];
    expect(await first).toBe('a');
    await expect(failed[0]).rejects.toThrow('store away');
    await expect(failed[1]).rejects.toThrow('store away');
    expect(await batches.submit('d')).toBe('d');
    expect(calls).toBe(3);
  });

  it('with waitMs, holds a batch until its oldest item has waited that long, for company', async () => {
    const runs: { items: string[]; at: number }[] = [];
    const batches = new GroupCommit(
      (items: string[]) => {
        runs.push({ items, at: performance.now() });
        return Promise.resolve(items);
      },
      100,
      50,
    );

    const submitted = performance.now();
    const first = batches.submit('a');
    await sleep(10);
    const second = batches.submit('b');
    expect(runs).toEqual([]);

    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(runs.map(({ items }) => items)).toEqual([['a', 'b']]);
    expect(runs[0].at - submitted).toBeGreaterThanOrEqual(45);
  });

  it('with waitMs, runs a full batch at once', async () => {
    const runs: number[][] = [];
    const batches = new GroupCommit(
      (items: number[]) => {
        runs.push(items);
        return Promise.resolve(items);
      },
      3,
      60_000,
    );

    const full = [batches.submit(1), batches.submit(2), batches.submit(3)];
    expect(runs).toEqual([[1, 2, 3]]);
    expect(await Promise.all(full)).toEqual([1, 2, 3]);
  });
});
