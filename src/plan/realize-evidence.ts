/**
 * Step 3 of "the path of a question": turns a visual plan (data) into the evidence a model is sent.
 * Planned frames are decoded at their planned size; planned grids are decoded at tile size and tiled
 * into one labelled image each (every tile's time burned in by the storyboard renderer), carrying
 * `tileTimes` and `grid`; a planned native video becomes a `VideoPart` pointing at the file.
 *
 * All frames of a plan come from one `decodeFrames` call (never one process per frame), at the largest
 * size any item needs; items planned smaller are resized with sharp, so one decode serves a plan that
 * mixes a large thumbnail grid with small frames. Evidence times are the times of the frames actually
 * delivered, not the times asked for: a label must name the picture it sits above.
 */

import type { ArtifactCache } from '../core/artifact-cache.js';
import { throwIfAborted } from '../core/errors.js';
import type { ProgressReporter } from '../core/progress.js';
import { decodeFrames } from '../media/decode/decode-frames.js';
import type { Frame } from '../media/frame.js';
import { loadSharp, mimeTypeOf, type EncodedImageFormat } from '../media/images.js';
import { renderStoryboard } from '../media/storyboard.js';
import type { VideoInfo } from '../media/video-info.js';
import type { ImagePart, VideoPart } from '../models/messages.js';
import type { EvidenceImage, GridImagePart } from './evidence.js';
import type { PlannedFrame, PlannedGrid, PlannedItem, PlannedVideo, VisualPlan } from './visual-plan.js';

export interface RealizeOptions {
  signal?: AbortSignal;
  /** Frame and probe cache; undefined uses the user cache, null disables it. */
  cache?: ArtifactCache | null;
  /** Encoding of the images sent. Default `jpeg`. */
  format?: EncodedImageFormat;
  /** JPEG/WebP quality. Default 85. */
  quality?: number;
  onProgress?: ProgressReporter;
}

/** One piece of realized evidence: an image (frame or grid) or the native video. */
export type RealizedEvidence = EvidenceImage | VideoPart;

export interface RealizedPlan {
  /** In the plan's item order; items whose frames could not be decoded are left out (see warnings). */
  evidence: RealizedEvidence[];
  warnings: string[];
}

/** True for the native-video part of realized evidence. */
export function isVideoPart(part: RealizedEvidence): part is VideoPart {
  return part.type === 'video';
}

/**
 * The evidence a plan describes, in the plan's item order.
 * @example
 * const plan = await planForVideo(info, { maxImages: 8 }, profile);
 * const evidence = await realizePlan(info, plan);
 * const messages = assembleMessages({ question, duration: info.duration, evidence: evidence.filter((part) => !isVideoPart(part)) });
 */
export async function realizePlan(info: VideoInfo, plan: VisualPlan, options: RealizeOptions = {}): Promise<RealizedEvidence[]> {
  return (await realizePlanDetailed(info, plan, options)).evidence;
}

/** The same, with the warnings of decoding (frames the decoder could not deliver). */
export async function realizePlanDetailed(info: VideoInfo, plan: VisualPlan, options: RealizeOptions = {}): Promise<RealizedPlan> {
  throwIfAborted(options.signal);
  const format = options.format ?? 'jpeg';
  const times = plan.items.flatMap((item) => (item.kind === 'frame' ? [item.time] : item.kind === 'grid' ? item.times : []));
  const warnings: string[] = [];
  const framesByTime = new Map<number, Frame>();
  if (times.length > 0) {
    const decoded = await decodeFrames(info.path, [...new Set(times)], {
      size: Math.max(...plan.items.map(decodeSide)),
      format,
      ...(options.quality === undefined ? {} : { quality: options.quality }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.cache === undefined ? {} : { cache: options.cache }),
    });
    warnings.push(...decoded.warnings);
    for (const frame of decoded.frames) framesByTime.set(frame.requestedTime, frame);
  }

  const evidence: RealizedEvidence[] = [];
  for (const item of plan.items) {
    throwIfAborted(options.signal);
    if (item.kind === 'video') {
      evidence.push(videoPart(info, item));
      continue;
    }
    const realized = item.kind === 'frame'
      ? await frameImage(item, framesByTime, format, options.quality)
      : await gridImage(item, framesByTime, format, options.quality);
    if (realized) evidence.push(realized);
    else warnings.push(`the plan's ${item.kind} at ${plannedTimes(item).join(', ')} s was left out: no frame could be decoded there.`);
  }
  return { evidence, warnings };
}

/** The long side an item needs decoded: the frame's size, or a grid's tile size. */
function decodeSide(item: PlannedItem): number {
  if (item.kind === 'frame') return Math.max(item.width, item.height);
  if (item.kind === 'grid') return Math.max(item.tileWidth, item.tileHeight);
  return 1;
}

function plannedTimes(item: PlannedFrame | PlannedGrid): number[] {
  return item.kind === 'frame' ? [item.time] : item.times;
}

async function frameImage(item: PlannedFrame, frames: Map<number, Frame>, format: EncodedImageFormat, quality?: number): Promise<ImagePart | undefined> {
  const frame = frames.get(item.time);
  if (!frame) return undefined;
  let image = frame.image;
  let { width, height } = frame;
  // Frames decoded for a larger item of the same plan are brought to this item's planned size.
  if (width !== item.width || height !== item.height) {
    const sharp = await loadSharp();
    const resized = sharp(frame.image).resize({ width: item.width, height: item.height, fit: 'fill' });
    image = await encode(resized, format, quality).toBuffer();
    ({ width, height } = item);
  }
  return { type: 'image', image, mediaType: mimeTypeOf(format) as ImagePart['mediaType'], time: frame.time, width, height };
}

async function gridImage(item: PlannedGrid, frames: Map<number, Frame>, format: EncodedImageFormat, quality?: number): Promise<GridImagePart | undefined> {
  const tiles = item.times.map((time) => frames.get(time)).filter((frame): frame is Frame => frame !== undefined);
  if (tiles.length === 0) return undefined;
  const sheet = await renderStoryboard(tiles, {
    cols: item.cols,
    rows: item.rows,
    maxWidth: item.cols * item.tileWidth,
    maxHeight: item.rows * item.tileHeight,
    format,
    ...(quality === undefined ? {} : { quality }),
  });
  let image: Uint8Array = sheet.image;
  // The storyboard derives its tile size from the frames' rounded aspect, which can differ from the
  // plan's by a pixel; pad to the planned size so the image costs exactly the tokens planned.
  if (sheet.width !== item.width || sheet.height !== item.height) {
    const sharp = await loadSharp();
    image = await encode(sharp(sheet.image).resize({ width: item.width, height: item.height, fit: 'contain', background: '#000' }), format, quality).toBuffer();
  }
  return {
    type: 'image',
    image,
    mediaType: mimeTypeOf(format) as ImagePart['mediaType'],
    tileTimes: sheet.tiles.map((tile) => tile.time),
    grid: { cols: item.cols, rows: item.rows },
    width: item.width,
    height: item.height,
  };
}

type SharpImage = ReturnType<Awaited<ReturnType<typeof loadSharp>>>;

function encode(image: SharpImage, format: EncodedImageFormat, quality = 85): SharpImage {
  return format === 'jpeg' ? image.jpeg({ quality }) : format === 'webp' ? image.webp({ quality }) : image.png();
}

function videoPart(info: VideoInfo, item: PlannedVideo): VideoPart {
  return {
    type: 'video',
    path: info.path,
    mediaType: videoMediaType(info.container),
    span: { start: item.span.start, end: item.span.end },
    fps: item.fps,
    numFrames: item.frames,
    width: item.width,
    height: item.height,
  };
}

/** The media type of a container as ffprobe names it (`mov,mp4,m4a,3gp,3g2,mj2` → `video/mp4`). */
export function videoMediaType(container: string): string {
  const names = container.split(',');
  if (names.includes('mp4') || names.includes('mov')) return names.includes('mp4') ? 'video/mp4' : 'video/quicktime';
  if (names.includes('webm')) return 'video/webm';
  if (names.includes('matroska')) return 'video/x-matroska';
  if (names.includes('mpegts')) return 'video/mp2t';
  if (names.includes('avi')) return 'video/x-msvideo';
  return 'application/octet-stream';
}
