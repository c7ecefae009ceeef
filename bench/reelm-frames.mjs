/**
 * reelm's decoder as a library call, for the media benchmark's like-for-like rows: PyAV's baselines
 * hand back frames in memory, so this script does the same (`--format rgb`, nothing written unless
 * asked) from the compiled package in dist/ (run `npm run build` first). Plain JavaScript so that it
 * starts like any user's Node program, without a TypeScript loader.
 *
 * Usage: node bench/reelm-frames.mjs <clip> --times-file <json> --mode exact|keyframe
 *          [--format jpeg|rgb] [--size 384] [--decoder auto|stream|seek] [--out-dir <dir>] [--out-raw <file>]
 * Prints one JSON line: {frames, decoder, seconds, times, warnings}; on failure {error, ffmpegErrors}, exit 1.
 * The cache is wherever REELM_CACHE_DIR points; the driver gives each cold run a fresh one.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { FfmpegError } from "../dist/core/errors.js";
import { decodeFrames } from "../dist/media/decode/decode-frames.js";
async function readOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "times-file": { type: "string" },
      mode: { type: "string", default: "exact" },
      format: { type: "string", default: "jpeg" },
      size: { type: "string", default: "384" },
      decoder: { type: "string", default: "auto" },
      "out-dir": { type: "string" },
      "out-raw": { type: "string" }
    }
  });
  const clip = positionals[0];
  if (!clip || !values["times-file"]) throw new Error("usage: reelm-frames.ts <clip> --times-file <json> [--mode exact|keyframe] [--format jpeg|rgb]");
  if (values.mode !== "exact" && values.mode !== "keyframe") throw new Error(`--mode must be exact or keyframe, not ${values.mode}`);
  if (values.format !== "jpeg" && values.format !== "rgb") throw new Error(`--format must be jpeg or rgb, not ${values.format}`);
  if (values.decoder !== "auto" && values.decoder !== "stream" && values.decoder !== "seek") throw new Error(`--decoder must be auto, stream or seek, not ${values.decoder}`);
  const times = JSON.parse(await fs.readFile(values["times-file"], "utf8"));
  return { clip, times, mode: values.mode, format: values.format, size: Number(values.size), decoder: values.decoder, outDir: values["out-dir"], outRaw: values["out-raw"] };
}
async function writeFrames(frames, options) {
  if (options.outDir) {
    await fs.mkdir(options.outDir, { recursive: true });
    const extension = options.format === "jpeg" ? "jpg" : "rgb";
    await Promise.all(
      frames.map((frame, index) => fs.writeFile(path.join(options.outDir, `frame-${String(index).padStart(4, "0")}.${extension}`), frame.image))
    );
  }
  if (options.outRaw) await fs.writeFile(options.outRaw, Buffer.concat(frames.map((frame) => frame.image)));
}
async function main() {
  const options = await readOptions();
  const started = performance.now();
  const result = await decodeFrames(options.clip, options.times, { mode: options.mode, size: options.size, format: options.format, decoder: options.decoder });
  await writeFrames(result.frames, options);
  const seconds = (performance.now() - started) / 1e3;
  const report = { frames: result.frames.length, decoder: result.decoder, seconds, times: result.frames.map((frame) => frame.time), warnings: result.warnings };
  process.stdout.write(`${JSON.stringify(report)}
`);
}
function ffmpegErrorLines(error) {
  return error.stderrTail.split("\n").filter((line) => line.trim()).map((line) => line.length > 200 ? `${line.slice(0, 200)}\u2026` : line).slice(-8);
}
try {
  await main();
} catch (error) {
  const report = { error: error instanceof Error ? error.message : String(error), ffmpegErrors: FfmpegError.isInstance(error) ? ffmpegErrorLines(error) : void 0 };
  process.stdout.write(`${JSON.stringify(report)}
`);
  process.exitCode = 1;
}
