/**
 * Renders reelm's progress events as terminal bars on stderr (one bar per stage), and warnings as
 * lines. Off when stderr is not a terminal or `--json` is used, so scripts get clean output.
 */

import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressReporter } from '../core/progress.js';

export function createProgressRenderer(stream: NodeJS.WritableStream & { isTTY?: boolean }, enabled: boolean): ProgressReporter {
  if (!enabled || !stream.isTTY) {
    return (event) => {
      if (event.type === 'warning') stream.write(`warning: ${event.message}\n`);
    };
  }
  const bars = new Map<string, cliProgress.SingleBar>();
  const multi = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format: ' {stage} |{bar}| {value}/{total} · eta {eta_formatted}',
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const barFor = (stage: string, total: number | undefined): cliProgress.SingleBar => {
    let bar = bars.get(stage);
    if (!bar) {
      bar = multi.create(Math.max(1, Math.round(total ?? 1)), 0, { stage: stage.padEnd(14) });
      bars.set(stage, bar);
    }
    return bar;
  };
  return (event: ProgressEvent) => {
    if (event.type === 'warning') {
      multi.log(`warning: ${event.message}\n`);
      return;
    }
    if (event.type === 'stage') {
      if (event.total) barFor(event.stage, event.total);
      return;
    }
    if (event.type === 'progress') {
      const bar = barFor(event.stage, event.total);
      if (event.total) bar.setTotal(Math.max(1, Math.round(event.total)));
      bar.update(Math.round(event.done));
      return;
    }
    const bar = bars.get(event.stage);
    if (bar) {
      bar.update(bar.getTotal());
      bar.stop();
    }
    if ([...bars.values()].every((candidate) => !candidate.isActive)) multi.stop();
  };
}
