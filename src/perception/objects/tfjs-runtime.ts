/**
 * The tfjs runtime the detectors run on: tfjs-core with the WebAssembly backend (tfjs-node's native
 * build cannot install here, and WASM with SIMD is within a few times of it on CPU). Loaded lazily and
 * once per process, because tfjs is several megabytes of JavaScript that only the detectors need and
 * `reelm --help` must stay instant.
 *
 * The backend's `.wasm` files ship in `@tensorflow/tfjs-backend-wasm/dist`; in Node they must be named
 * by a file path (`setWasmPaths` with a folder prefix), since there is no page to fetch them relative to.
 * One thread: the ingest pipeline already runs analyzers side by side, one per core.
 */

import { createRequire } from 'node:module';
import path from 'node:path';

export type TfjsCore = typeof import('@tensorflow/tfjs-core');
export type TfjsConverter = typeof import('@tensorflow/tfjs-converter');

export interface TfjsRuntime {
  tf: TfjsCore;
  converter: TfjsConverter;
  backend: string;
}

let runtime: Promise<TfjsRuntime> | undefined;

/** The folder holding the WASM backend's `.wasm` files, with a trailing separator as tfjs expects. */
export function wasmBinaryFolder(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

type ProcessEvent = 'uncaughtException' | 'unhandledRejection';
const watchedEvents: readonly ProcessEvent[] = ['uncaughtException', 'unhandledRejection'];

/**
 * Runs `start`, then removes the process-wide `uncaughtException`/`unhandledRejection` listeners it
 * added. The WASM backend's Emscripten glue installs handlers that rethrow every error from inside its
 * minified source (so a crash anywhere in reelm prints a screen of tfjs code instead of the error); a
 * library must not change how the host process reports errors. Node's own handling applies instead.
 */
async function withoutAddedProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  // Node types listeners per event; `any` lets one helper read both events.
  const listenersOf = (event: ProcessEvent): Array<(...args: any[]) => void> => process.listeners(event as 'uncaughtException');
  const before = new Map(watchedEvents.map((event) => [event, new Set(listenersOf(event))]));
  try {
    return await start();
  } finally {
    for (const event of watchedEvents) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}

async function startRuntime(): Promise<TfjsRuntime> {
  const tf = await import('@tensorflow/tfjs-core');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const converter = await import('@tensorflow/tfjs-converter');
  wasm.setWasmPaths(wasmBinaryFolder());
  wasm.setThreadsCount(1);
  await withoutAddedProcessHandlers(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });
  return { tf, converter, backend: tf.getBackend() };
}

/** The shared tfjs runtime on the WASM backend, started on first use. */
export function loadTfjsRuntime(): Promise<TfjsRuntime> {
  runtime ??= startRuntime().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}
