/**
 * `reelm library`: the videos of a library with their index state — fully indexed, partly indexed (an
 * ingest was stopped; `reelm index` resumes it), changed or missing on disk, or present in the folder
 * but not indexed yet — with what the store holds for each.
 */

import type { CommandDeclaration } from '../command.js';
import { libraryOption } from '../library-flag.js';

export type LibraryVideoState = 'indexed' | 'partial' | 'changed' | 'missing' | 'not-indexed';

export const libraryCommand: CommandDeclaration = {
  name: 'library',
  summary: 'List the videos of a library and how far each is indexed.',
  help: `Lists every video the library's store knows, with its duration, what was stored
(segments, keyframes, signals) and its state:
  indexed      every ingest stage finished
  partial      an ingest was stopped part-way (the stages it did not finish are named,
               even those it never began); run reelm index again to resume it
  changed      the file on disk is no longer the one indexed; run reelm index to re-index it
  missing      the file is gone from disk (its index is kept)
  not-indexed  a video file in the library folder that was never indexed

Examples:
  reelm library
  reelm library --library ~/videos --json`,
  arguments: [],
  options: [libraryOption, { flags: '--json', description: 'print the videos as JSON' }],
  async run(_args, options, context) {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { openLibraryForReading } = await import('../open-library.js');
    const { listVideos } = await import('../../memory/query/videos.js');
    const { listVideoFiles } = await import('../video-files.js');
    const { formatTime } = await import('../../core/time.js');
    const { store, location } = openLibraryForReading(options.library, [process.cwd()]);
    try {
      const root = location.root;
      const stored = listVideos(store);
      const videos = stored.map((video) => {
        let state: LibraryVideoState = video.status;
        const stats = fs.statSync(video.path, { throwIfNoEntry: false });
        if (!stats) state = 'missing';
        else if (stats.size !== video.info.byteSize) state = 'changed';
        return {
          path: video.path,
          state,
          duration: video.duration,
          segments: video.segments,
          keyframes: video.keyframes,
          signals: video.signals,
          stagesDone: video.stagesDone,
          stagesPending: video.stagesPending,
          stagesMissing: video.stagesMissing,
        };
      });
      const known = new Set(stored.map((video) => video.path));
      const onDisk = fs.existsSync(root) ? await listVideoFiles(root) : [];
      const notIndexed = onDisk.filter((file) => !known.has(file)).map((file) => ({ path: file, state: 'not-indexed' as const }));
      if (options.json) {
        context.stdout.write(JSON.stringify({ library: root, store: store.file, videos, notIndexed }, null, 2) + '\n');
        return;
      }
      const lines = [`library ${root} (store ${store.file})`];
      if (videos.length === 0 && notIndexed.length === 0) lines.push('  no videos yet: reelm index <video or folder>');
      for (const video of videos) {
        const relative = path.relative(root, video.path) || video.path;
        const pending = video.stagesMissing.length > 0 ? `, not finished: ${video.stagesMissing.join(', ')}` : '';
        lines.push(`  ${video.state.padEnd(11)} ${formatTime(video.duration, { precision: 0 })}  ${relative}  (${video.segments} segments, ${video.keyframes} keyframes, ${video.signals} signals${pending})`);
      }
      for (const file of notIndexed) lines.push(`  ${'not-indexed'.padEnd(11)} ${''.padEnd(8)}  ${path.relative(root, file.path)}`);
      context.stdout.write(lines.join('\n') + '\n');
    } finally {
      store.close();
    }
  },
};
