/**
 * Writes one caption: a `caption` signal (full-text indexed like every text signal, so
 * `reelm search --kind caption` finds it) with `producer = caption:<model id>`, and beside it, in
 * `caption_sources`, the model that wrote it (id and endpoint) and where it came from — asked of the
 * model now, or imported from the chunk captions the tasks cached. Runs inside the unit's transaction.
 */

import type { TimeSpan } from '../../../core/time.js';
import type { ModelEndpoint } from '../../../models/language-model.js';
import type { StoreDatabase } from '../../store/open-store.js';
import { insertSignals, type SignalWriteKey } from '../write-signals.js';

export type CaptionSource = 'model' | 'chunk-captions cache';

export interface CaptionWrite {
  text: string;
  span: TimeSpan;
  model: ModelEndpoint & { id: string };
  source: CaptionSource;
  writtenAt: string;
}

export function captionProducer(modelId: string): string {
  return `caption:${modelId}`;
}

export function writeCaption(db: StoreDatabase, key: SignalWriteKey, caption: CaptionWrite): void {
  insertSignals(db, key, [{ kind: 'caption', span: caption.span, value: caption.text, confidence: null, producer: captionProducer(caption.model.id) }]);
  // last_insert_rowid() is the signal's id: the full-text trigger's own insert does not change it once the trigger ends.
  const { id } = db.prepare('SELECT last_insert_rowid() AS id').get() as { id: number };
  db.prepare('INSERT INTO caption_sources(signal_id, model_json, source, written_at) VALUES (?, ?, ?, ?)')
    .run(id, JSON.stringify(caption.model), caption.source, caption.writtenAt);
}
