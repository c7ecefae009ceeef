/**
 * One holder at a time per key. The runner takes a video's lock while it probes, plans and decodes a
 * sample's frames, so concurrent questions about one video do not all decode it at once: the first
 * fills the frame cache, the rest read it (frames once per video and sampling). Model calls run
 * outside the lock, concurrently.
 */

export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` after every earlier holder of `key` has finished. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
