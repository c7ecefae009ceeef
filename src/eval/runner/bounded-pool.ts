/**
 * A bounded pool: runs `work` over items with at most `concurrency` in flight, in item order, and stops
 * starting new items once `shouldStop` says so (a budget cap, an abort); items in flight finish.
 */

export interface PoolOptions {
  concurrency: number;
  /** Checked before each item starts; true ends the run cleanly. */
  shouldStop?: () => boolean;
  signal?: AbortSignal;
}

/**
 * @example await runBounded(docs, (doc) => ask(doc), { concurrency: 8 });
 */
export async function runBounded<Item>(items: readonly Item[], work: (item: Item, position: number) => Promise<void>, options: PoolOptions): Promise<{ started: number }> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (options.signal?.aborted || options.shouldStop?.()) return;
      const position = next;
      next += 1;
      await work(items[position]!, position);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return { started: next };
}
