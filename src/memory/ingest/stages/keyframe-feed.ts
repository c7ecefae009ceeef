/**
 * The keyframe stage telling the frame analyzers which of its units are ready, so a unit is analysed
 * while the next one is decoded (decoding is ffmpeg's CPU, analysis this process's: two cores at once)
 * instead of every unit waiting for the whole stage. The stage announces how many units there are once
 * it has sampled, then each unit once it is committed or found already done; the analyzers read the unit
 * from the store as before, so what they see does not depend on the order. A failed stage fails every
 * wait, so the analyzers stop with the stage's error.
 */

interface Pending<Value> {
  promise: Promise<Value>;
  resolve: (value: Value) => void;
  reject: (error: unknown) => void;
}

function pending<Value>(): Pending<Value> {
  let resolve!: (value: Value) => void, reject!: (error: unknown) => void;
  const promise = new Promise<Value>((yes, no) => ((resolve = yes), (reject = no)));
  // Nobody may be waiting (no frame analyzers): a failure is then reported by the stage itself.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class KeyframeFeed {
  private readonly count = pending<number>();
  private readonly units = new Map<number, Pending<void>>();
  private failure: { error: unknown } | undefined;

  private unit(index: number): Pending<void> {
    let unit = this.units.get(index);
    if (!unit) {
      unit = pending<void>();
      if (this.failure) unit.reject(this.failure.error);
      this.units.set(index, unit);
    }
    return unit;
  }

  /** The number of units, once the stage knows it. */
  unitCount(): Promise<number> {
    return this.count.promise;
  }

  /** Resolves when unit `index` is in the store. */
  ready(index: number): Promise<void> {
    return this.unit(index).promise;
  }

  announceCount(count: number): void {
    this.count.resolve(count);
  }

  announceUnit(index: number): void {
    this.unit(index).resolve();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.count.reject(error);
    for (const unit of this.units.values()) unit.reject(error);
  }
}
