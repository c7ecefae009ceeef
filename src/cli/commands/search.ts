/**
 * `reelm search "<query>"`: finds moments in a library's indexed videos — on-screen text, detector
 * labels, speech and subtitles, captions by full-text search, or keyframes by meaning (`--kind visual`,
 * with an embedder configured) — and prints each hit with its video, span, score and a `#t=` link.
 */

import type { CommandDeclaration } from '../command.js';
import { libraryOption } from '../library-flag.js';
import { positiveInteger } from '../parse-flags.js';

export const searchKinds = ['text', 'object', 'speech', 'caption', 'visual'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** The stored signal kinds each `--kind` searches; without `--kind`, every text-like kind. */
export const signalKindsForSearch = Object.freeze({
  text: ['text'],
  object: ['object'],
  speech: ['speech', 'subtitle'],
  caption: ['caption'],
} as const satisfies Record<Exclude<SearchKind, 'visual'>, readonly string[]>);

export const searchCommand: CommandDeclaration = {
  name: 'search',
  summary: 'Search the indexed videos of a library for words or (with an embedder) meaning.',
  help: `Searches every text signal of the library's indexed videos: on-screen text, detector labels
(person, car, …), speech transcripts and subtitles, and captions. Every word of the query must
appear; hits are ranked by relevance (BM25), then time. --kind visual searches keyframes by
meaning with the configured embedder (roles.embedder in reelm.config.json) instead.

Examples:
  reelm search "exit 12"
  reelm search person --kind object --video talk.mp4
  reelm search "a forklift enters the dock" --kind visual --json`,
  arguments: [{ name: 'query', description: 'words to find (or, with --kind visual, a description)', required: true }],
  options: [
    { flags: '--video <video>', description: 'only this video (its path, or its id from reelm library --json)' },
    { flags: '--kind <kind>', description: 'only this kind of signal', choices: searchKinds },
    { flags: '--limit <n>', description: 'at most this many hits', default: '10', parse: positiveInteger('--limit') },
    libraryOption,
    { flags: '--json', description: 'print the hits as JSON' },
  ],
  async run([query], options, context) {
    const path = await import('node:path');
    const { openLibraryForReading } = await import('../open-library.js');
    const { formatSpan, timeLink } = await import('../../core/time.js');
    const limit = typeof options.limit === 'number' ? options.limit : Number(options.limit);
    const kind = options.kind as SearchKind | undefined;
    const videoFlag = typeof options.video === 'string' ? options.video : undefined;
    // A video given by path also tells where its library is.
    const startFolders = videoFlag && !/^\d+$/.test(videoFlag) ? [path.dirname(path.resolve(videoFlag)), process.cwd()] : [process.cwd()];
    const { store } = openLibraryForReading(options.library, startFolders);
    try {
      const video = videoFlag === undefined ? undefined : /^\d+$/.test(videoFlag) ? Number(videoFlag) : path.resolve(videoFlag);
      let hits: Array<{ video: { id: number; path: string }; kind: string; span: { start: number; end: number }; value: string | number; score: number; thumbnail: { keyframeId: number; time: number } | null }>;
      if (kind === 'visual') {
        const { createConfiguredEmbedder } = await import('../configured-embedder.js');
        const { searchVisual } = await import('../../memory/query/nearest-keyframes.js');
        const embedder = await createConfiguredEmbedder(context.config, context.signal);
        const found = await searchVisual(store, embedder, query!, { k: limit, video, signal: context.signal });
        hits = found.map((hit) => ({ ...hit, kind: 'visual', value: '' }));
      } else {
        const { searchText } = await import('../../memory/query/search-text.js');
        const kinds = kind ? [...signalKindsForSearch[kind]] : undefined;
        hits = searchText(store, query!, { kinds, video, limit });
      }
      if (options.json) {
        context.stdout.write(JSON.stringify({ query, kind: kind ?? 'any', hits }, null, 2) + '\n');
        return;
      }
      if (hits.length === 0) {
        context.stdout.write(`no hits for "${query}"${kind ? ` (${kind})` : ''}.\n`);
        return;
      }
      const lines = hits.map((hit) => {
        const value = typeof hit.value === 'string' && hit.value ? `  ${JSON.stringify(hit.value)}` : '';
        return `${formatSpan(hit.span)}  ${hit.kind.padEnd(8)}${value}  score ${hit.score.toFixed(2)}\n    ${timeLink(hit.video.path, hit.span.start)}`;
      });
      context.stdout.write(lines.join('\n') + '\n');
    } finally {
      store.close();
    }
  },
};
