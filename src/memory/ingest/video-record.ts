/**
 * The `videos` row of a probed file. A path whose content changed (another hash) is a new video: the
 * old row and everything derived from it go in one cascading delete, so stale signals never survive
 * beside new ones. The same content at the same path keeps its row, and with it every finished unit.
 */

import type { VideoInfo } from '../../media/video-info.js';
import type { StoreDatabase } from '../store/open-store.js';

export function upsertVideo(db: StoreDatabase, info: VideoInfo): { videoId: number; replaced: boolean } {
  return db.transaction(() => {
    const existing = db.prepare('SELECT id, content_hash AS contentHash FROM videos WHERE path = ?').get(info.path) as
      | { id: number; contentHash: string }
      | undefined;
    if (existing?.contentHash === info.contentHash) {
      db.prepare('UPDATE videos SET info_json = ?, duration = ? WHERE id = ?').run(JSON.stringify(info), info.duration, existing.id);
      return { videoId: existing.id, replaced: false };
    }
    if (existing) db.prepare('DELETE FROM videos WHERE id = ?').run(existing.id);
    const inserted = db.prepare('INSERT INTO videos(path, content_hash, duration, info_json, added_at) VALUES (?, ?, ?, ?, ?)')
      .run(info.path, info.contentHash, info.duration, JSON.stringify(info), new Date().toISOString());
    return { videoId: Number(inserted.lastInsertRowid), replaced: existing !== undefined };
  }).immediate();
}
