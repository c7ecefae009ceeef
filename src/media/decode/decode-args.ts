/**
 * Pure builders of the ffmpeg command lines the decoder runs, tested on the exact argument arrays.
 * Both decoders end in the same chain (rotation → scale → pixel format), so frames from either path,
 * and the reference frames tests compute with `select=eq(n\,N)`, go through the same scaler.
 */

export type RawPixelFormat = 'rgb24' | 'gray';

export interface OutputGeometry {
  width: number;
  height: number;
  /** Clockwise degrees to turn the stored picture for display. */
  rotation: 0 | 90 | 180 | 270;
  pixelFormat: RawPixelFormat;
}

/** Rotation filters exactly as ffmpeg's own autorotate inserts them, so results match a default ffmpeg run. */
export function rotationFilters(rotation: OutputGeometry['rotation']): string[] {
  if (rotation === 90) return ['transpose=clock'];
  if (rotation === 180) return ['hflip', 'vflip'];
  if (rotation === 270) return ['transpose=cclock'];
  return [];
}

/** `rotation → scale → format`, the tail every decode path ends with. */
export function outputFilters(geometry: OutputGeometry): string[] {
  return [
    ...rotationFilters(geometry.rotation),
    `scale=${geometry.width}:${geometry.height}:flags=bicubic`,
    `format=${geometry.pixelFormat}`,
  ];
}

/**
 * Sums terms as a balanced tree, `((a+b)+(c+d))`. ffmpeg's expression parser nests one level per `+`
 * and refuses a flat chain of more than 100 terms (measured on 5.1: 100 works, 101 fails), while a
 * balanced sum of 1,000 terms parses and evaluates fine.
 */
export function balancedSum(terms: readonly string[]): string {
  if (terms.length <= 2) return terms.join('+');
  const middle = terms.length >> 1;
  const wrap = (part: readonly string[]): string => (part.length > 1 ? `(${balancedSum(part)})` : part[0]!);
  return `${wrap(terms.slice(0, middle))}+${wrap(terms.slice(middle))}`;
}

/** `eq(n\,3)+eq(n\,17)…`: selects frames by their position in the decoded sequence. */
export function selectByIndexExpression(indices: readonly number[]): string {
  return balancedSum(indices.map((index) => `eq(n\\,${index})`));
}

/** Selects frames whose filter time falls within ±tolerance of any of `times`. */
export function selectByTimeExpression(times: readonly number[], tolerance: number): string {
  return balancedSum(times.map((time) => `between(t\\,${(time - tolerance).toFixed(6)}\\,${(time + tolerance).toFixed(6)})`));
}

const rawOutput = (geometry: OutputGeometry): string[] => [
  '-fps_mode', 'passthrough',
  '-f', 'rawvideo',
  '-pix_fmt', geometry.pixelFormat,
  'pipe:1',
];

/**
 * Decodes an Annex-B elementary stream from stdin, logs every decoded frame (`showinfo`, without
 * checksums) so the caller can check alignment, and writes the selected frames as raw pixels.
 */
export function buildStreamDecodeArgs(options: {
  codec: 'h264' | 'hevc';
  threads: number;
  selectIndices: readonly number[];
  geometry: OutputGeometry;
}): string[] {
  const chain = [
    'showinfo=checksum=0',
    `select='${selectByIndexExpression(options.selectIndices)}'`,
    ...outputFilters(options.geometry),
  ].join(',');
  return [
    '-hide_banner', '-nostats', '-nostdin', '-v', 'info',
    '-threads', String(options.threads),
    // Strict compliance makes the H.264 decoder assume the full reorder depth when the stream does not
    // declare it, so pictures come out in presentation order from the first one.
    '-strict', 'strict',
    '-f', options.codec,
    '-i', 'pipe:0',
    '-vf', chain,
    ...rawOutput(options.geometry),
  ];
}

export interface SeekInput {
  /** Where to seek (presentation seconds); ffmpeg lands on the keyframe at or before it. */
  seekTo: number;
  /** How many seconds to read from there. */
  readSeconds: number;
  /** Times (relative to `seekTo`, as the filter sees them) of the frames to keep. */
  keepTimes: number[];
}

/**
 * The general path for any container and codec: one ffmpeg process with one input per segment
 * (`-ss` seeks each to its keyframe), a select on times per input, and all inputs concatenated into
 * one raw stream. `showinfo@in<i>` after each select reports which frames were delivered.
 */
export function buildSeekDecodeArgs(options: {
  input: string;
  streamIndex: number;
  inputs: readonly SeekInput[];
  threads: number;
  keyframesOnly: boolean;
  tolerance: number;
  geometry: OutputGeometry;
}): string[] {
  const args = ['-hide_banner', '-nostats', '-nostdin', '-v', 'info'];
  options.inputs.forEach((input) => {
    args.push('-noautorotate', '-noaccurate_seek', '-threads', String(options.threads));
    if (options.keyframesOnly) args.push('-skip_frame', 'nokey');
    args.push('-ss', input.seekTo.toFixed(6), '-t', input.readSeconds.toFixed(6), '-i', options.input);
  });
  const chains = options.inputs.map(
    (input, i) =>
      `[${i}:${options.streamIndex}]select='${selectByTimeExpression(input.keepTimes, options.tolerance)}',showinfo@in${i}=checksum=0,${outputFilters(options.geometry).join(',')}[v${i}]`,
  );
  const labels = options.inputs.map((_, i) => `[v${i}]`).join('');
  const graph =
    options.inputs.length === 1
      ? chains[0]!.replace(/\[v0\]$/, '[out]')
      : `${chains.join(';')};${labels}concat=n=${options.inputs.length}:v=1:a=0[out]`;
  args.push('-filter_complex', graph, '-map', '[out]', ...rawOutput(options.geometry));
  return args;
}
