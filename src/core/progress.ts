/**
 * Progress events: the one typed stream every long operation reports through. The CLI renders it as
 * bars, the server streams it as SSE, tests collect it. Reporters are plain callbacks so library code
 * pays nothing when nobody listens.
 */

export type ProgressEvent =
  | { type: 'stage'; stage: string; total?: number }
  | { type: 'progress'; stage: string; done: number; total?: number; etaSec?: number }
  | { type: 'done'; stage: string }
  | { type: 'warning'; stage: string; message: string };

export type ProgressReporter = (event: ProgressEvent) => void;

/**
 * Tracks one stage: counts units done, estimates the time left from the rate so far, and reports.
 * Reports at most every `minIntervalMs` (besides the first and last) so a fast loop does not flood a terminal.
 */
export class StageProgress {
  private done = 0;
  private lastReport = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly stage: string,
    private total: number | undefined,
    private readonly report: ProgressReporter | undefined,
    private readonly minIntervalMs = 100,
  ) {
    report?.({ type: 'stage', stage, total });
  }

  setTotal(total: number): void {
    this.total = total;
  }

  /** Sets the absolute number of units done (for sources that report a position, such as ffmpeg's out_time). */
  update(done: number): void {
    this.done = done;
    const now = Date.now();
    if (now - this.lastReport < this.minIntervalMs && done !== this.total) return;
    this.lastReport = now;
    const elapsedSec = (now - this.startedAt) / 1000;
    const etaSec =
      this.total !== undefined && done > 0 ? Math.max(0, (elapsedSec / done) * (this.total - done)) : undefined;
    this.report?.({ type: 'progress', stage: this.stage, done, total: this.total, etaSec });
  }

  advance(units = 1): void {
    this.update(this.done + units);
  }

  warn(message: string): void {
    this.report?.({ type: 'warning', stage: this.stage, message });
  }

  finish(): void {
    if (this.total !== undefined && this.done !== this.total) this.update(this.total);
    this.report?.({ type: 'done', stage: this.stage });
  }
}
