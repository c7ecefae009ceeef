/**
 * Writes an analyzer's signals for one unit. Signals are checked before they reach the table — finite
 * times, a span that does not run backwards, a confidence in 0–1 — because one bad row from one
 * analyzer should fail that unit loudly, not poison every later query. Detector labels are stored in
 * lower case so label queries can use the index.
 */

import { ReelmError } from '../../core/errors.js';
import type { Signal } from '../../perception/signal.js';
import type { StoreDatabase } from '../store/open-store.js';

export interface SignalWriteKey {
  videoId: number;
  stage: string;
  configHash: string;
  unitIndex: number;
}

function checkSignal(signal: Signal, stage: string): void {
  const { start, end } = signal.span;
  const problem =
    !Number.isFinite(start) || !Number.isFinite(end) ? 'a time that is not a finite number'
      : end < start ? `a span that ends (${end}) before it starts (${start})`
        : typeof signal.value === 'number' && !Number.isFinite(signal.value) ? 'a value that is not a finite number'
          : signal.confidence && !(signal.confidence.value >= 0 && signal.confidence.value <= 1) ? `confidence ${signal.confidence.value} outside 0–1`
            : undefined;
  if (problem) throw new ReelmError(`${stage}: produced a ${signal.kind} signal with ${problem}; this is a bug in that analyzer.`);
}

export function insertSignals(db: StoreDatabase, key: SignalWriteKey, signals: readonly Signal[]): void {
  const insert = db.prepare(`INSERT INTO signals(video_id, kind, start_time, end_time, text, number, confidence, confidence_source,
      box_x, box_y, box_width, box_height, producer, stage, config_hash, unit_index)
    VALUES (@videoId, @kind, @start, @end, @text, @number, @confidence, @confidenceSource, @boxX, @boxY, @boxWidth, @boxHeight,
      @producer, @stage, @configHash, @unitIndex)`);
  for (const signal of signals) {
    checkSignal(signal, key.stage);
    const text = typeof signal.value === 'string' ? (signal.kind === 'object' ? signal.value.trim().toLowerCase() : signal.value) : null;
    insert.run({
      videoId: key.videoId,
      kind: signal.kind,
      start: signal.span.start,
      end: signal.span.end,
      text,
      number: typeof signal.value === 'number' ? signal.value : null,
      confidence: signal.confidence?.value ?? null,
      confidenceSource: signal.confidence?.source ?? null,
      boxX: signal.box?.x ?? null,
      boxY: signal.box?.y ?? null,
      boxWidth: signal.box?.width ?? null,
      boxHeight: signal.box?.height ?? null,
      producer: signal.producer,
      stage: key.stage,
      configHash: key.configHash,
      unitIndex: key.unitIndex,
    });
  }
}
