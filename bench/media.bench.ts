/**
 * The media benchmark (`npm run bench:media`): how fast reelm takes frames out of a long H.264 clip,
 * against the ways people usually do it (PyAV exact and keyframes-only, OpenCV seeking, plain ffmpeg),
 * on the same machine in the same run. Writes bench/results/media.json and prints a table.
 *
 * Every method runs as a cold, separate process (reelm with a fresh empty cache), three times, and the
 * median counts; wall time and peak RSS come from GNU time, wall time also from Node's clock, which the
 * ratios use. The clip is read once before measuring so every method finds it in the page cache.
 *
 * Environment: BENCH_DURATION (clip seconds, default 600; 60 makes a quick run), BENCH_RUNS (default 3),
 * BENCH_PROCESS_TIMEOUT (seconds before a stuck process is killed, default 900).
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
const workDir = path.join(benchDir, 'work');
const resultsPath = path.join(benchDir, 'results', 'media.json');
// Debian's python: its python3-av and python3-opencv link the same system ffmpeg libraries reelm runs.
const python = '/usr/bin/python3';
const gnuTime = '/usr/bin/time';

const duration = Number(process.env.BENCH_DURATION ?? 600);
const runsPerMethod = Number(process.env.BENCH_RUNS ?? 3);
// A stuck process (a decoder deadlock, say) fails the benchmark instead of stalling it forever.
const processTimeoutSeconds = Number(process.env.BENCH_PROCESS_TIMEOUT ?? 900);
const source = { width: 1280, height: 720, fps: 30 };
const longSide = 384;
const targetCount = 32;
const gops = [250, 30] as const;
// The same rule as reelm's fitWithin: the long side becomes 384, the other keeps the aspect, rounded.
const scale = Math.min(1, longSide / Math.max(source.width, source.height));
const frameSize = { width: Math.round(source.width * scale), height: Math.round(source.height * scale) };

interface ProcessMeasurement {
  /** Whole-process wall seconds from Node's clock (spawn to exit). */
  wallSeconds: number;
  /** Wall seconds as GNU time reports them (10 ms resolution). */
  timeWallSeconds: number;
  /** GNU time's %M: the peak RSS of the largest single process in the tree (not a sum), MiB. */
  peakRssMiB: number;
  /** What the process printed as JSON on stdout, when it did. */
  report?: { frames?: number; seconds?: number; decoder?: string; times?: number[]; warnings?: string[]; error?: string; ffmpegErrors?: string[] };
  /** Set when the process exited non-zero: what it said (the run is not counted in the medians). */
  failure?: { exitCode: number | null; message: string; details: string[] };
}

interface MethodSummary {
  description: string;
  runs: ProcessMeasurement[];
  /** Null when no run succeeded; `failure` then says why. */
  medianWallSeconds: number | null;
  medianTimeWallSeconds: number | null;
  medianPeakRssMiB: number | null;
  /** Seconds the process itself reported for its work (reelm: decodeFrames + writing; Python: after imports). */
  medianInnerSeconds?: number;
  frames?: number;
  decoder?: string;
  deliveredTimes?: number[];
  failure?: ProcessMeasurement['failure'];
}

/** One way of getting frames, declared as data: how to run it in a fresh scratch folder. */
interface Method {
  id: string;
  description: string;
  command: (clip: string, scratch: string) => { argv: string[]; env?: Record<string, string> };
  /** Reads what the process did from the files it wrote, when it prints no JSON report (ffmpeg, the reelm CLI). */
  readReport?: (scratch: string) => Promise<ProcessMeasurement['report']>;
}

// ---------------------------------------------------------------------------------------------
// processes

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  wallSeconds: number;
}

/** Process groups still running, so that an interrupted benchmark leaves nothing behind. */
const liveGroups = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const group of liveGroups) process.kill(-group, 'SIGKILL');
    process.exit(130);
  });
}

/**
 * Runs a command to completion. It gets its own process group so that, past the time limit, the whole
 * tree goes (GNU time does not pass a kill on to the command it is timing).
 */
function runProcess(argv: string[], env: Record<string, string> = {}, onStdout?: (chunk: string) => void): Promise<Finished> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    liveGroups.add(child.pid!);
    const timer = setTimeout(() => {
      stderr += `\n[bench] killed after ${processTimeoutSeconds} s (BENCH_PROCESS_TIMEOUT)`;
      process.kill(-child.pid!, 'SIGKILL');
    }, processTimeoutSeconds * 1000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      liveGroups.delete(child.pid!);
      resolve({ code, stdout, stderr, wallSeconds: (performance.now() - started) / 1000 });
    });
  });
}

async function runChecked(argv: string[], env?: Record<string, string>): Promise<Finished> {
  const finished = await runProcess(argv, env);
  if (finished.code !== 0) throw new Error(`${argv.join(' ')} exited with ${finished.code}:\n${finished.stderr.slice(-3000)}`);
  return finished;
}

/**
 * Runs one command under GNU time in `scratch`, and reads back its wall time, peak RSS and JSON report.
 * A command that fails comes back with `failure` set rather than stopping the benchmark, so one broken
 * method still leaves the others' numbers (and the failure) in the results.
 */
async function measure(method: Method, clip: string, scratch: string): Promise<ProcessMeasurement> {
  const { argv, env } = method.command(clip, scratch);
  const timeFile = path.join(scratch, 'time.txt');
  const finished = await runProcess([gnuTime, '-f', '%e %M', '-o', timeFile, ...argv], env);
  const timeLine = (await fs.readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
  const [timeWall = Number.NaN, peakKiB = Number.NaN] = timeLine.split(' ').map(Number);
  const jsonLine = finished.stdout.trim().split('\n').at(-1);
  const report = jsonLine?.startsWith('{') ? (JSON.parse(jsonLine) as ProcessMeasurement['report']) : undefined;
  const measurement: ProcessMeasurement = { wallSeconds: finished.wallSeconds, timeWallSeconds: timeWall, peakRssMiB: peakKiB / 1024, report };
  if (finished.code !== 0) {
    const details = report?.ffmpegErrors ?? finished.stderr.trim().split('\n').slice(-8);
    measurement.failure = { exitCode: finished.code, message: report?.error ?? `exited with ${finished.code}`, details };
  } else if (!report && method.readReport) {
    measurement.report = await method.readReport(scratch);
  }
  return measurement;
}

// ---------------------------------------------------------------------------------------------
// the clip and the targets

function clipPath(gop: number): string {
  return path.join(workDir, `testsrc2-${source.width}x${source.height}-${source.fps}fps-${duration}s-gop${gop}.mp4`);
}

function encodeArgs(gop: number, output: string): string[] {
  return [
    'ffmpeg', '-hide_banner', '-nostats', '-v', 'error', '-y', '-progress', 'pipe:1',
    '-f', 'lavfi', '-i', `testsrc2=size=${source.width}x${source.height}:rate=${source.fps},noise=alls=8:allf=t`,
    '-t', String(duration),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    output,
  ];
}

/** Encodes the test clip once and keeps it under bench/work/ (a few minutes per clip for 600 s). */
async function ensureClip(gop: number): Promise<string> {
  const output = clipPath(gop);
  if (await fs.stat(output).then(() => true, () => false)) return output;
  await fs.mkdir(workDir, { recursive: true });
  const partial = output.replace(/\.mp4$/, '.partial.mp4');
  console.log(`encoding ${path.basename(output)} (${duration} s, GOP ${gop}); this takes a while on few cores`);
  let lastShown = -1;
  const finished = await runProcess(encodeArgs(gop, partial), {}, (chunk) => {
    const microseconds = [...chunk.matchAll(/out_time_us=(\d+)/g)].at(-1)?.[1];
    const percent = microseconds ? Math.floor((Number(microseconds) / 1e6 / duration) * 10) * 10 : -1;
    if (percent > lastShown) {
      lastShown = percent;
      process.stdout.write(`  ${percent}%\n`);
    }
  });
  if (finished.code !== 0) throw new Error(`encoding the test clip failed:\n${finished.stderr.slice(-3000)}`);
  await fs.rename(partial, output);
  return output;
}

/** Uniform targets at the middle of 32 equal spans, so none sits on a clip edge. */
function uniformTargets(): number[] {
  return Array.from({ length: targetCount }, (_, i) => ((i + 0.5) * duration) / targetCount);
}

// ---------------------------------------------------------------------------------------------
// the methods

async function writeTimesFile(name: string, times: number[]): Promise<string> {
  const file = path.join(workDir, `${name}-${duration}s.json`);
  await fs.writeFile(file, JSON.stringify(times));
  return file;
}

const countJpegs = async (scratch: string): Promise<number> => (await fs.readdir(scratch)).filter((name) => name.endsWith('.jpg')).length;

/**
 * reelm as users run it: the compiled CLI (`node dist/cli/main.js frames …`), cold, with an empty cache.
 * `uniform --count 32` gives t = (i + 0.5)·duration/32 and `fps --fps 1` gives t = 0, 1, 2, … — the same
 * target lists the baselines receive. The manifest it writes (frames.json) is read back for the report.
 */
function reelmMethod(id: string, description: string, mode: 'exact' | 'keyframe', sampling: string[]): Method {
  return {
    id,
    description,
    command: (clip, scratch) => ({
      argv: ['node', path.join(repoRoot, 'dist/cli/main.js'), 'frames', clip, ...sampling, '--size', '384', '--format', 'jpeg', '--mode', mode, '--out', path.join(scratch, 'frames')],
      env: { REELM_CACHE_DIR: path.join(scratch, 'cache') },
    }),
    readReport: async (scratch) => {
      const manifest = JSON.parse(await fs.readFile(path.join(scratch, 'frames', 'frames.json'), 'utf8')) as {
        frames: Array<{ time: number }>;
        decoder: string;
        warnings: string[];
      };
      return { frames: manifest.frames.length, decoder: manifest.decoder, times: manifest.frames.map((frame) => frame.time), warnings: manifest.warnings };
    },
  };
}

/** reelm's decoder called as a library with frames returned in memory (rgb), like the PyAV baselines. */
function reelmLibraryMethod(id: string, description: string, mode: 'exact' | 'keyframe', timesFile: string): Method {
  return {
    id,
    description,
    command: (clip, scratch) => ({
      argv: ['node', path.join(benchDir, 'reelm-frames.mjs'), clip, '--times-file', timesFile, '--mode', mode, '--format', 'rgb'],
      env: { REELM_CACHE_DIR: path.join(scratch, 'cache') },
    }),
  };
}

function pythonMethod(id: string, description: string, script: string, times: number[]): Method {
  const size = ['--width', String(frameSize.width), '--height', String(frameSize.height)];
  return { id, description, command: (clip) => ({ argv: [python, path.join(benchDir, 'baselines', script), clip, '--times', times.join(','), ...size] }) };
}

function methodsFor(targets: number[], targetsFile: string): Method[] {
  return [
    reelmLibraryMethod('reelmKeyframeLibrary', 'reelm decodeFrames as a library, keyframe mode, frames in memory (rgb)', 'keyframe', targetsFile),
    reelmLibraryMethod('reelmExactLibrary', 'reelm decodeFrames as a library, exact mode, frames in memory (rgb)', 'exact', targetsFile),
    reelmMethod('reelmKeyframe', 'reelm frames --sampler uniform --count 32 --mode keyframe (CLI, jpeg)', 'keyframe', ['--sampler', 'uniform', '--count', String(targets.length)]),
    reelmMethod('reelmExact', 'reelm frames --sampler uniform --count 32 --mode exact (CLI, jpeg)', 'exact', ['--sampler', 'uniform', '--count', String(targets.length)]),
    pythonMethod('pyavExact', 'PyAV threaded: seek back to keyframe, decode forward, convert the shown frame', 'pyav_exact.py', targets),
    pythonMethod('pyavKeyframes', 'PyAV: demux keyframe index, seek to nearest keyframe, decode it alone', 'pyav_keyframes.py', targets),
    pythonMethod('opencvSeek', 'OpenCV: CAP_PROP_POS_MSEC per target, read, resize', 'opencv_seek.py', targets),
    { id: 'ffmpegFullDecode', description: 'ffmpeg -i clip -an -f null - (decode every frame, the floor for a full pass)', command: (clip) => ({ argv: ['ffmpeg', '-v', 'error', '-i', clip, '-an', '-f', 'null', '-'] }) },
    reelmMethod('reelm1fps', 'reelm frames --sampler fps --fps 1 --mode exact (CLI, jpeg)', 'exact', ['--sampler', 'fps', '--fps', '1']),
    {
      id: 'ffmpegOnePass1fps',
      description: `ffmpeg -vf fps=1,scale=${longSide}:-2 out%04d.jpg (one pass, 1 fps)`,
      command: (clip, scratch) => ({ argv: ['ffmpeg', '-v', 'error', '-i', clip, '-vf', `fps=1,scale=${longSide}:-2`, path.join(scratch, 'out%04d.jpg')] }),
      readReport: async (scratch) => ({ frames: await countJpegs(scratch) }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// measuring

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function summarize(method: Method, runs: ProcessMeasurement[]): MethodSummary {
  const succeeded = runs.filter((run) => !run.failure);
  const inner = succeeded.map((run) => run.report?.seconds).filter((value): value is number => value !== undefined);
  const last = succeeded.at(-1)?.report;
  const medianOf = (values: number[]): number | null => (values.length ? median(values) : null);
  return {
    description: method.description,
    runs,
    medianWallSeconds: medianOf(succeeded.map((run) => run.wallSeconds)),
    medianTimeWallSeconds: medianOf(succeeded.map((run) => run.timeWallSeconds)),
    medianPeakRssMiB: medianOf(succeeded.map((run) => run.peakRssMiB)),
    ...(inner.length ? { medianInnerSeconds: median(inner) } : {}),
    frames: last?.frames,
    decoder: last?.decoder,
    deliveredTimes: last?.times,
    ...(succeeded.length ? {} : { failure: runs.find((run) => run.failure)?.failure }),
  };
}

const freshScratch = (): Promise<string> => fs.mkdtemp(path.join(os.tmpdir(), 'reelm-bench-'));

/**
 * Runs every method `runsPerMethod` times, round-robin so slow drift in the machine hits all alike,
 * each run in a fresh scratch folder. After the cold runs, the reelm 32-target methods run once more
 * on their last cache (the warm-cache number).
 */
async function measureClip(clip: string, methods: Method[]): Promise<Record<string, MethodSummary>> {
  const runs = new Map<string, ProcessMeasurement[]>(methods.map((method) => [method.id, []]));
  const lastScratch = new Map<string, string>();
  const failed = new Set<string>();
  for (let round = 1; round <= runsPerMethod; round++) {
    for (const method of methods.filter((candidate) => !failed.has(candidate.id))) {
      const scratch = await freshScratch();
      process.stdout.write(`  run ${round}/${runsPerMethod} ${method.id.padEnd(20)}`);
      const measurement = await measure(method, clip, scratch);
      runs.get(method.id)!.push(measurement);
      if (measurement.failure) {
        // Failures here are deterministic (the same input and arguments), so one is enough to report.
        console.log(` FAILED after ${measurement.wallSeconds.toFixed(2)} s: ${measurement.failure.message}\n    ${measurement.failure.details.join('\n    ')}`);
        failed.add(method.id);
        await fs.rm(scratch, { recursive: true, force: true });
        continue;
      }
      console.log(` ${measurement.wallSeconds.toFixed(2)} s  ${measurement.peakRssMiB.toFixed(0)} MiB  ${measurement.report?.frames ?? '?'} frames`);
      const previous = lastScratch.get(method.id);
      if (previous) await fs.rm(previous, { recursive: true, force: true });
      lastScratch.set(method.id, scratch);
    }
  }
  const summaries: Record<string, MethodSummary> = {};
  for (const method of methods) summaries[method.id] = summarize(method, runs.get(method.id)!);
  for (const id of ['reelmKeyframe', 'reelmExact'].filter((candidate) => !failed.has(candidate))) {
    const method = methods.find((candidate) => candidate.id === id)!;
    const warm = await measure(method, clip, lastScratch.get(id)!);
    console.log(`  warm cache ${id.padEnd(16)} ${warm.wallSeconds.toFixed(2)} s (decoder: ${warm.report?.decoder})`);
    summaries[`${id}WarmCache`] = summarize({ ...method, description: `${method.description}, warm cache (same cache dir as a cold run)` }, [warm]);
  }
  await Promise.all([...lastScratch.values()].map((scratch) => fs.rm(scratch, { recursive: true, force: true })));
  return summaries;
}

interface IdentityCheck {
  frames: number;
  identicalFrames: number;
  maxAbsDifference: number;
  meanAbsDifference: number;
  deliveredTimesAgree: boolean;
  note: string;
}

function sameTimes(a: number[] | undefined, b: number[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((time, i) => Math.abs(time - b[i]!) < 1e-4);
}

/** reelm exact (raw rgb) against PyAV exact (rgb24, same bicubic scaler), byte for byte per frame. */
async function checkIdentity(clip: string, targetsFile: string, targets: number[]): Promise<IdentityCheck> {
  const scratch = await freshScratch();
  const reelmRaw = path.join(scratch, 'reelm.rgb');
  const pyavRaw = path.join(scratch, 'pyav.rgb');
  const reelm = await runChecked(
    ['node', path.join(benchDir, 'reelm-frames.mjs'), clip, '--times-file', targetsFile, '--mode', 'exact', '--format', 'rgb', '--out-raw', reelmRaw],
    { REELM_CACHE_DIR: path.join(scratch, 'cache') },
  );
  const pyav = await runChecked([python, path.join(benchDir, 'baselines', 'pyav_exact.py'), clip, '--times', targets.join(','), '--width', String(frameSize.width), '--height', String(frameSize.height), '--out-raw', pyavRaw]);
  const reelmTimes = (JSON.parse(reelm.stdout.trim().split('\n').at(-1)!) as { times: number[] }).times;
  const pyavTimes = (JSON.parse(pyav.stdout.trim().split('\n').at(-1)!) as { times: number[] }).times;
  const [a, b] = await Promise.all([fs.readFile(reelmRaw), fs.readFile(pyavRaw)]);
  await fs.rm(scratch, { recursive: true, force: true });
  const frameBytes = frameSize.width * frameSize.height * 3;
  const frames = Math.min(a.length, b.length) / frameBytes;
  let identicalFrames = 0;
  let maxAbsDifference = 0;
  let totalAbsDifference = 0;
  for (let frame = 0; frame < frames; frame++) {
    const start = frame * frameBytes;
    if (a.subarray(start, start + frameBytes).equals(b.subarray(start, start + frameBytes))) {
      identicalFrames++;
      continue;
    }
    for (let i = start; i < start + frameBytes; i++) {
      const difference = Math.abs(a[i]! - b[i]!);
      totalAbsDifference += difference;
      if (difference > maxAbsDifference) maxAbsDifference = difference;
    }
  }
  const deliveredTimesAgree = sameTimes(reelmTimes, pyavTimes);
  return {
    frames,
    identicalFrames,
    maxAbsDifference,
    meanAbsDifference: frames ? totalAbsDifference / (frames * frameBytes) : 0,
    deliveredTimesAgree,
    note: `reelm rgb output vs PyAV frame.reformat(${frameSize.width}x${frameSize.height}, rgb24, interpolation=BICUBIC); PyAV's default (bilinear) would differ`,
  };
}

// ---------------------------------------------------------------------------------------------
// reporting

async function machineFacts(): Promise<Record<string, unknown>> {
  const ffmpeg = await runChecked(['ffmpeg', '-version']);
  const pythonVersions = await runChecked([python, '-c', 'import sys, av, cv2, json; print(json.dumps({"python": sys.version.split()[0], "av": av.__version__, "opencv": cv2.__version__}))']);
  return {
    cpuModel: os.cpus()[0]?.model,
    cores: os.availableParallelism(),
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    ffmpeg: ffmpeg.stdout.split('\n')[0],
    ...(JSON.parse(pythonVersions.stdout) as Record<string, string>),
    date: new Date().toISOString(),
  };
}

/** What a process costs before it does any work, for reading the small numbers. */
async function startupOverhead(): Promise<Record<string, number>> {
  const commands: Record<string, string[]> = {
    node: ['node', '-e', '0'],
    reelmHelp: ['node', path.join(repoRoot, 'dist/cli/main.js'), '--help'],
    pythonImportAv: [python, '-c', 'import av'],
    pythonImportCv2: [python, '-c', 'import cv2'],
  };
  const result: Record<string, number> = {};
  for (const [name, argv] of Object.entries(commands)) {
    const walls: number[] = [];
    for (let run = 0; run < runsPerMethod; run++) walls.push((await runChecked(argv)).wallSeconds);
    result[name] = median(walls);
  }
  return result;
}

/** Ratios of median wall times; null where either side failed. */
function ratiosOf(methods: Record<string, MethodSummary>): Record<string, number | null> {
  const ratio = (numerator: string, denominator: string): number | null => {
    const top = methods[numerator]?.medianWallSeconds;
    const bottom = methods[denominator]?.medianWallSeconds;
    return top == null || bottom == null ? null : top / bottom;
  };
  return {
    pyavExactOverReelmKeyframe: ratio('pyavExact', 'reelmKeyframe'),
    pyavKeyframesOverReelmKeyframe: ratio('pyavKeyframes', 'reelmKeyframe'),
    pyavExactOverReelmExact: ratio('pyavExact', 'reelmExact'),
    pyavExactOverReelmKeyframeLibrary: ratio('pyavExact', 'reelmKeyframeLibrary'),
    pyavKeyframesOverReelmKeyframeLibrary: ratio('pyavKeyframes', 'reelmKeyframeLibrary'),
    pyavExactOverReelmExactLibrary: ratio('pyavExact', 'reelmExactLibrary'),
    opencvSeekOverReelmExact: ratio('opencvSeek', 'reelmExact'),
    reelm1fpsOverFfmpegOnePass: ratio('reelm1fps', 'ffmpegOnePass1fps'),
  };
}

function printTable(gop: number, methods: Record<string, MethodSummary>, ratios: Record<string, number | null>, identity: IdentityCheck): void {
  console.log(`\nGOP ${gop}, ${duration} s clip, median of ${runsPerMethod} cold runs (warm-cache rows: 1 run)`);
  console.log(`${'method'.padEnd(26)}${'wall s'.padStart(9)}${'inner s'.padStart(9)}${'RSS MiB'.padStart(9)}${'frames'.padStart(8)}  decoder`);
  for (const [id, summary] of Object.entries(methods)) {
    if (summary.failure) {
      console.log(`${id.padEnd(26)}   FAILED: ${summary.failure.message}`);
      continue;
    }
    const inner = summary.medianInnerSeconds?.toFixed(2) ?? '-';
    console.log(
      `${id.padEnd(26)}${summary.medianWallSeconds!.toFixed(2).padStart(9)}${inner.padStart(9)}${summary.medianPeakRssMiB!.toFixed(0).padStart(9)}${String(summary.frames ?? '-').padStart(8)}  ${summary.decoder ?? ''}`,
    );
  }
  for (const [name, value] of Object.entries(ratios)) console.log(`  ${name.padEnd(38)} ${value === null ? 'n/a (a side failed)' : `${value.toFixed(2)}x`}`);
  console.log(`  identical frames (reelm exact vs PyAV exact): ${identity.identicalFrames}/${identity.frames}, max |diff| ${identity.maxAbsDifference}, times agree: ${identity.deliveredTimesAgree}`);
}

async function main(): Promise<void> {
  await fs.access(gnuTime).catch(() => {
    throw new Error(`${gnuTime} is missing: install GNU time (apt-get install time)`);
  });
  const machine = await machineFacts();
  const targets = uniformTargets();
  const targetsFile = await writeTimesFile('targets', targets);
  const methods = methodsFor(targets, targetsFile);
  const overhead = await startupOverhead();
  const clips = [];
  for (const gop of gops) {
    const clip = await ensureClip(gop);
    await fs.readFile(clip); // into the page cache, so no method pays for the first read from disk
    console.log(`\nmeasuring ${path.basename(clip)}`);
    const loadBefore = os.loadavg()[0]!;
    const summaries = await measureClip(clip, methods);
    const identity = await checkIdentity(clip, targetsFile, targets);
    const ratios = ratiosOf(summaries);
    printTable(gop, summaries, ratios, identity);
    clips.push({
      gop,
      path: path.relative(path.dirname(benchDir), clip),
      bytes: (await fs.stat(clip)).size,
      // Other work on the machine skews the numbers; the one-minute load average before and after says how much there was.
      loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
      methods: summaries,
      identity,
      keyframeTimesAgreeWithPyav: sameTimes(summaries.reelmKeyframe!.deliveredTimes, summaries.pyavKeyframes!.deliveredTimes),
      ratios,
    });
  }
  const main250 = clips.find((clip) => clip.gop === 250)!;
  // A ratio is null when a side failed; a target it cannot show is not met.
  const atLeast = (value: number | null | undefined, bound: number): boolean => value != null && value >= bound;
  const atMost = (value: number | null | undefined, bound: number): boolean => value != null && value <= bound;
  const allIdentical = main250.identity.identicalFrames === targetCount && main250.identity.frames === targetCount;
  const musts = {
    keyframeAtLeast6xFasterThanPyavExact: atLeast(main250.ratios.pyavExactOverReelmKeyframe, 6),
    keyframeNoSlowerThanPyavKeyframes: atLeast(main250.ratios.pyavKeyframesOverReelmKeyframe, 1),
    exactNoSlowerThanPyavExactWithIdenticalFrames: atLeast(main250.ratios.pyavExactOverReelmExact, 1) && allIdentical,
    oneFpsWithin1_2xOfOnePass: atMost(main250.ratios.reelm1fpsOverFfmpegOnePass, 1.2),
  };
  // The same targets with reelm called as a library, frames kept in memory as PyAV keeps them (no
  // CLI start-up, no JPEG files): the like-for-like comparison with the Python baselines.
  const mustsLikeForLike = {
    keyframeAtLeast6xFasterThanPyavExact: atLeast(main250.ratios.pyavExactOverReelmKeyframeLibrary, 6),
    keyframeNoSlowerThanPyavKeyframes: atLeast(main250.ratios.pyavKeyframesOverReelmKeyframeLibrary, 1),
    exactNoSlowerThanPyavExactWithIdenticalFrames: atLeast(main250.ratios.pyavExactOverReelmExactLibrary, 1) && allIdentical,
  };
  const goals = {
    keyframeAtLeast10xFasterThanPyavExact: atLeast(main250.ratios.pyavExactOverReelmKeyframe, 10),
    exactAtLeast1_5xFasterThanPyavExact: atLeast(main250.ratios.pyavExactOverReelmExact, 1.5),
  };
  const result = {
    benchmark: 'media',
    machine,
    settings: {
      durationSeconds: duration,
      source,
      frameSize,
      targets,
      oneFpsFrames: Math.floor(duration),
      runsPerMethod,
      clipEncoding: `ffmpeg ${encodeArgs(250, '<out>').slice(8).join(' ')}`.replace('-g 250 -keyint_min 250', '-g <GOP> -keyint_min <GOP>'),
      ratioBasis: 'median whole-process wall seconds from Node\'s clock; every process cold (reelm with an empty REELM_CACHE_DIR); clip in page cache',
    },
    startupOverheadSeconds: overhead,
    clips,
    targets: { clip: 'GOP 250', must: musts, mustLibraryInMemory: mustsLikeForLike, goals },
  };
  await fs.mkdir(path.dirname(resultsPath), { recursive: true });
  await fs.writeFile(resultsPath, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nmust targets (GOP 250, CLI writing JPEGs): ${JSON.stringify(musts)}\nmust targets (GOP 250, library, frames in memory): ${JSON.stringify(mustsLikeForLike)}\ngoals: ${JSON.stringify(goals)}\nwrote ${path.relative(process.cwd(), resultsPath)}`);
}

await main();
