/**
 * Which ffmpeg and ffprobe binaries reelm runs: `REELM_FFMPEG` / `REELM_FFPROBE` when set (or the
 * config's `ffmpeg` / `ffprobe` fields, which those variables feed), else the names on PATH.
 */

export type MediaTool = 'ffmpeg' | 'ffprobe';

const overrides: Partial<Record<MediaTool, string>> = {};

/** Points reelm at specific binaries for this process (the CLI calls this with the loaded config). */
export function setMediaToolPath(tool: MediaTool, binary: string): void {
  overrides[tool] = binary;
}

export function mediaToolPath(tool: MediaTool, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnvironment = tool === 'ffmpeg' ? env.REELM_FFMPEG : env.REELM_FFPROBE;
  return overrides[tool] ?? (fromEnvironment || tool);
}
