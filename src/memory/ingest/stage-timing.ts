/**
 * Where an ingest's time goes: wall seconds, CPU seconds of this Node process (OCR and the detectors
 * run here, in onnxruntime and tfjs-wasm) and CPU seconds of the ffmpeg children it ran, per stage.
 * Node reports only its own CPU (`process.cpuUsage`); the children's comes from the kernel's account of
 * waited-for children (`cutime`/`cstime` in /proc/self/stat, Linux only — elsewhere it is `null`), which
 * counts a child once it has exited, as every ffmpeg a stage starts has by the time the stage ends.
 * Both counters are per process, so a stage that ran while other stages ran (the ingest overlaps the
 * span analyzers with the frame work) carries everyone's CPU of that interval: `overlapped` says so.
 */

import fs from 'node:fs';

export interface StageTiming {
  /** A stage name (`segments`, `analyzer:motion`, …) or a group of stages that ran together. */
  stage: string;
  wallSeconds: number;
  nodeCpuSeconds: number;
  /** Null where the platform does not report children's CPU. */
  childCpuSeconds: number | null;
  /** True when other timed work ran during this interval, so the CPU figures include it. */
  overlapped: boolean;
}

interface CpuSnapshot {
  wallMs: number;
  nodeCpuMicros: number;
  childCpuTicks: number | null;
}

/** The kernel's USER_HZ, fixed at 100 in the Linux ABI on every architecture Node runs on. */
const clockTicksPerSecond = 100;

/** Pure: waited-for children's user + system CPU in clock ticks from the text of /proc/<pid>/stat. */
export function childTicksFromProcStat(text: string): number | null {
  // The command name (field 2) may hold spaces and parentheses; fields after its last `)` are plain.
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  // After the name: state is field 3, so cutime (16) and cstime (17) sit at offsets 13 and 14.
  const cutime = Number(fields[13]), cstime = Number(fields[14]);
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? cutime + cstime : null;
}

function readChildTicks(): number | null {
  try {
    return childTicksFromProcStat(fs.readFileSync('/proc/self/stat', 'utf8'));
  } catch {
    return null;
  }
}

function snapshot(): CpuSnapshot {
  const usage = process.cpuUsage();
  return { wallMs: performance.now(), nodeCpuMicros: usage.user + usage.system, childCpuTicks: readChildTicks() };
}

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * Records timings into `timings`. `measure(stage, work)` times one piece of work; measuring the same
 * stage again adds to its entry (a stage's units are timed one by one); pieces that run at the same time
 * mark each other `overlapped`.
 * @example const timer = new StageTimer(result.stagesTiming); await timer.measure('segments', () => runSegmentStage(...));
 */
export class StageTimer {
  private running = 0;
  private readonly open = new Set<{ overlapped: boolean }>();

  constructor(readonly timings: StageTiming[]) {}

  async measure<Result>(stage: string, work: () => Promise<Result>): Promise<Result> {
    const mark = { overlapped: this.running > 0 };
    if (this.running > 0) for (const other of this.open) other.overlapped = true;
    this.running++;
    this.open.add(mark);
    const before = snapshot();
    try {
      return await work();
    } finally {
      const after = snapshot();
      this.running--;
      this.open.delete(mark);
      const wallSeconds = (after.wallMs - before.wallMs) / 1000;
      const nodeCpuSeconds = (after.nodeCpuMicros - before.nodeCpuMicros) / 1e6;
      const childCpuSeconds = after.childCpuTicks === null || before.childCpuTicks === null ? null : (after.childCpuTicks - before.childCpuTicks) / clockTicksPerSecond;
      const entry = this.timings.find((timing) => timing.stage === stage);
      if (entry) {
        entry.wallSeconds = round(entry.wallSeconds + wallSeconds);
        entry.nodeCpuSeconds = round(entry.nodeCpuSeconds + nodeCpuSeconds);
        entry.childCpuSeconds = entry.childCpuSeconds === null || childCpuSeconds === null ? null : round(entry.childCpuSeconds + childCpuSeconds);
        entry.overlapped ||= mark.overlapped;
      } else {
        this.timings.push({
          stage,
          wallSeconds: round(wallSeconds),
          nodeCpuSeconds: round(nodeCpuSeconds),
          childCpuSeconds: childCpuSeconds === null ? null : round(childCpuSeconds),
          overlapped: mark.overlapped,
        });
      }
    }
  }
}
