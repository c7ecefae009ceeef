/**
 * What `reelm index` does, apart from flag parsing: picks the library for a file or folder, indexes each
 * video through the store's resumable ingest with a bar per video stage and one overall, keeps going
 * past a broken file (and says which), and with `--watch` indexes new or changed files once they stop
 * growing. A stopped run (Ctrl-C, a kill) loses nothing: the next run resumes at the unfinished unit.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { ArtifactCache } from '../core/artifact-cache.js';
import { MediaError, ReelmError, throwIfAborted } from '../core/errors.js';
import { StageProgress, type ProgressReporter } from '../core/progress.js';
import { findLibrary, libraryStoreLocation, type LibraryLocation } from '../memory/library.js';
import type { Store } from '../memory/store/open-store.js';
import type { Embedder } from '../models/embedder.js';
import type { LanguageModel } from '../models/language-model.js';
import type { AnalyzerEntry } from '../perception/analyzers.js';
import { isVideoFileName, listVideoFiles } from './video-files.js';

export interface IndexTarget {
  /** The file or folder the user named, absolute. */
  input: string;
  isFolder: boolean;
  /** The videos to index now. */
  files: string[];
  library: LibraryLocation;
}

/**
 * The videos under `input` and the library they go into: `--library` when given, else the library the
 * input already sits in, else the folder named (or the file's folder) becomes one.
 */
export async function resolveIndexTarget(input: string, libraryFlag: string | undefined, options: { allowEmpty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<IndexTarget> {
  const env = options.env ?? process.env;
  const absolute = path.resolve(input);
  const stats = fs.statSync(absolute, { throwIfNoEntry: false });
  if (!stats) throw new MediaError(input, 'not-found', 'no such file or folder; check the path (quote names with spaces).');
  const isFolder = stats.isDirectory();
  const folder = isFolder ? absolute : path.dirname(absolute);
  const library = libraryFlag ? libraryStoreLocation(path.resolve(libraryFlag), env) : (findLibrary(folder, env) ?? libraryStoreLocation(folder, env));
  const files = isFolder ? await listVideoFiles(absolute) : [absolute];
  // A watched folder may start empty; a one-off index of an empty folder is a mistake worth saying.
  if (isFolder && files.length === 0 && !options.allowEmpty) {
    throw new MediaError(input, 'no-video-stream', 'holds no video files (looked for .mp4, .mov, .mkv, .webm, … in it and its subfolders).');
  }
  return { input: absolute, isFolder, files, library };
}

export interface IndexedVideoReport {
  path: string;
  status: 'indexed' | 'failed';
  unitsRun?: number;
  unitsSkipped?: number;
  framesAnalysed?: number;
  seconds?: number;
  replaced?: boolean;
  stages?: Array<{ stage: string; units: number; ran: number; skipped: number }>;
  error?: string;
}

export interface IndexRunOptions {
  store: Store;
  cache: ArtifactCache | null;
  analyzers?: string[];
  embedder?: Embedder;
  /** Captions each segment (stage `captions`). */
  captionModel?: LanguageModel;
  /** The `speech` analyzer the user chose (`--speech`, roles.speech), registered beside the built-in ones. */
  speech?: AnalyzerEntry;
  signal: AbortSignal;
  onProgress?: ProgressReporter;
}

/** Bars are named after the video: its file name is enough beside them, the full path would wrap. */
function shortenStageNames(report: ProgressReporter | undefined, file: string): ProgressReporter | undefined {
  if (!report) return undefined;
  const prefix = `${file}: `;
  const short = `${path.basename(file)}: `;
  return (event) => report(event.stage.startsWith(prefix) ? { ...event, stage: short + event.stage.slice(prefix.length) } : event);
}

/** Indexes `files` one after another (each ingest already uses every core); a failed file is reported, not fatal. */
export async function indexFiles(files: readonly string[], options: IndexRunOptions): Promise<IndexedVideoReport[]> {
  const { ingestVideo } = await import('../memory/ingest/ingest-video.js');
  const { commandLineAnalyzerRegistry } = await import('./analyzer-registry.js');
  const overall = new StageProgress(`all videos (${files.length})`, files.length, options.onProgress);
  const reports: IndexedVideoReport[] = [];
  for (const file of files) {
    throwIfAborted(options.signal);
    try {
      const result = await ingestVideo(options.store, file, {
        cache: options.cache,
        registry: commandLineAnalyzerRegistry(options.speech ? [options.speech] : []),
        ...(options.analyzers ? { analyzers: options.analyzers } : {}),
        ...(options.embedder ? { embedder: options.embedder } : {}),
        ...(options.captionModel ? { captionModel: options.captionModel } : {}),
        signal: options.signal,
        onProgress: shortenStageNames(options.onProgress, file),
      });
      reports.push({
        path: file,
        status: 'indexed',
        unitsRun: result.unitsRun,
        unitsSkipped: result.unitsSkipped,
        framesAnalysed: result.framesAnalysed,
        seconds: Math.round(result.durationMs) / 1000,
        replaced: result.replaced,
        stages: result.stages.map(({ stage, units, ran, skipped }) => ({ stage, units, ran, skipped })),
      });
    } catch (error) {
      // A stop is not a broken file: it ends the run, and the next run resumes.
      if (options.signal.aborted) throw error;
      // Only problems with the input are the file's; anything else is a fault the user must see at once.
      if (!ReelmError.isInstance(error) || error.kind !== 'input') throw error;
      reports.push({ path: file, status: 'failed', error: error.message });
      overall.warn(`${file}: ${error.message}`);
    }
    overall.advance();
  }
  overall.finish();
  return reports;
}

/**
 * Watches `target` and indexes video files that appear or change, once their size has held still for
 * `settleMs` (a copy in progress is not indexed half-written). Resolves when the signal fires.
 */
export async function watchAndIndex(target: IndexTarget, options: IndexRunOptions & { settleMs?: number; onIndexed: (reports: IndexedVideoReport[]) => void }): Promise<void> {
  const settleMs = options.settleMs ?? 2000;
  const pending = new Map<string, { size: number; since: number }>();
  const watched = target.isFolder ? target.input : path.dirname(target.input);
  const watcher = fs.watch(watched, { recursive: target.isFolder }, (_event, name) => {
    if (!name) return;
    const file = path.resolve(watched, name.toString());
    if (!target.isFolder && file !== target.input) return;
    if (!isVideoFileName(file) || file.split(path.sep).some((part) => part.startsWith('.'))) return;
    pending.set(file, { size: -1, since: Date.now() });
  });
  try {
    let inFlight: Promise<void> | undefined;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (inFlight) return;
        const ready: string[] = [];
        for (const [file, state] of pending) {
          const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
          if (size === undefined) {
            pending.delete(file);
          } else if (size !== state.size) {
            pending.set(file, { size, since: Date.now() });
          } else if (size > 0 && Date.now() - state.since >= settleMs) {
            pending.delete(file);
            ready.push(file);
          }
        }
        if (ready.length === 0) return;
        inFlight = indexFiles(ready.sort(), options).then(options.onIndexed, (error: unknown) => {
          if (!options.signal.aborted) options.onIndexed(ready.map((file) => ({ path: file, status: 'failed', error: String(error) })));
        }).finally(() => (inFlight = undefined));
      }, Math.min(500, settleMs));
      options.signal.addEventListener('abort', () => {
        clearInterval(timer);
        // The store closes after this resolves, so a run in progress must reach its next unit boundary first.
        void (inFlight ?? Promise.resolve()).then(() => resolve());
      }, { once: true });
    });
  } finally {
    watcher.close();
  }
}
