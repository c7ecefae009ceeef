/**
 * Pure builders of ffprobe command lines, tested on the exact argument arrays.
 */

/** Container and stream metadata as JSON, including codec extradata (used by the elementary-stream decoder). */
export function buildProbeArgs(input: string): string[] {
  return ['-v', 'error', '-hide_banner', '-of', 'json', '-show_format', '-show_streams', '-show_data', '--', input];
}

/**
 * One line per packet of one stream, in decode order, read without decoding:
 * `pts=…|dts=…|size=…|pos=…|flags=K_` (keys make the parse independent of ffprobe's field order).
 */
export function buildPacketIndexArgs(input: string, streamSpecifier: string): string[] {
  return [
    '-v', 'error', '-hide_banner',
    '-select_streams', streamSpecifier,
    '-show_entries', 'packet=pts,dts,size,pos,flags',
    '-of', 'compact=p=0:nk=0',
    '--', input,
  ];
}
