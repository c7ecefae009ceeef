/**
 * Reads ffprobe's JSON (`-show_format -show_streams -show_data`) into typed stream facts.
 * Parsed with zod, leniently: ffprobe omits fields freely, and a missing field must not be a crash.
 */

import { z } from 'zod';

const streamSchema = z
  .object({
    index: z.number(),
    codec_type: z.string().optional(),
    codec_name: z.string().optional(),
    profile: z.string().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    coded_width: z.number().optional(),
    coded_height: z.number().optional(),
    sample_aspect_ratio: z.string().optional(),
    pix_fmt: z.string().optional(),
    r_frame_rate: z.string().optional(),
    avg_frame_rate: z.string().optional(),
    time_base: z.string().optional(),
    duration: z.string().optional(),
    channels: z.number().optional(),
    sample_rate: z.string().optional(),
    extradata: z.string().optional(),
    disposition: z.record(z.string(), z.number()).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    side_data_list: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .loose();

export const ffprobeOutputSchema = z
  .object({
    streams: z.array(streamSchema).default([]),
    format: z
      .object({
        format_name: z.string().optional(),
        duration: z.string().optional(),
        start_time: z.string().optional(),
        size: z.string().optional(),
        bit_rate: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type FfprobeOutput = z.infer<typeof ffprobeOutputSchema>;
export type FfprobeStream = FfprobeOutput['streams'][number];

/** `30000/1001` → 29.97; `0/0` and garbage → 0. */
export function parseRational(text: string | undefined): number {
  if (!text) return 0;
  const [numerator, denominator] = text.split(/[/:]/).map(Number);
  if (denominator === undefined) return Number.isFinite(numerator) ? numerator! : 0;
  if (!numerator || !denominator || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return 0;
  return numerator / denominator;
}

/**
 * Clockwise display rotation in degrees (0/90/180/270). ffprobe reports the display matrix's
 * counter-clockwise angle in `side_data_list[].rotation`; older files carry a `rotate` tag (clockwise).
 */
export function rotationOf(stream: FfprobeStream): 0 | 90 | 180 | 270 {
  let clockwise = 0;
  const matrix = stream.side_data_list?.find((entry) => typeof entry.rotation === 'number');
  if (matrix) clockwise = -(matrix.rotation as number);
  else if (stream.tags?.rotate) clockwise = Number(stream.tags.rotate);
  const normalized = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  return normalized as 0 | 90 | 180 | 270;
}

/** Bytes of ffprobe's `-show_data` hex dump (`00000000: 0142 c01f …  ascii`). */
export function parseHexDump(dump: string | undefined): Buffer | undefined {
  if (!dump) return undefined;
  const bytes: number[] = [];
  for (const line of dump.split('\n')) {
    const match = /^[0-9a-f]{8}:\s((?:[0-9a-f]{2,4}\s?)+)/i.exec(line.trim());
    if (!match) continue;
    // The hex area is 8 groups of up to 4 digits; the ASCII column follows two spaces later.
    const hexArea = line.trim().slice(10, 10 + 40).trim();
    for (const group of hexArea.split(/\s+/)) {
      for (let i = 0; i + 1 < group.length; i += 2) bytes.push(parseInt(group.slice(i, i + 2), 16));
    }
  }
  return bytes.length > 0 ? Buffer.from(bytes) : undefined;
}
