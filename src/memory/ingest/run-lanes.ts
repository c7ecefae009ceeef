/**
 * Lanes of ingest work that may run at the same time. The frame work (keyframes, OCR and the detectors:
 * CPU in this process) and the span analyzers (ffmpeg processes) need different cores, so running them
 * together keeps two cores busy where running them one after another leaves one idle. Each lane keeps
 * its own order. When a lane fails the others are cancelled through `cancel`, every lane is waited for
 * (no process outlives the ingest), and the first failure is what the caller sees, not the
 * cancellations it caused. With `parallel` false the lanes run one after another.
 */

export type Lane = () => Promise<void>;

/**
 * @example await runLanes([frameWork, spanWork], { parallel: os.availableParallelism() > 1, cancel: (why) => controller.abort(why) });
 */
export async function runLanes(lanes: readonly Lane[], options: { parallel: boolean; cancel: (reason: unknown) => void }): Promise<void> {
  if (!options.parallel) {
    for (const lane of lanes) await lane();
    return;
  }
  let firstFailure: { error: unknown } | undefined;
  await Promise.all(lanes.map(async (lane) => {
    try {
      await lane();
    } catch (error) {
      if (!firstFailure) {
        firstFailure = { error };
        options.cancel(error);
      }
    }
  }));
  if (firstFailure) throw firstFailure.error;
}
