/**
 * Splits a raw-pixel byte stream from ffmpeg into frames of a known size as the bytes arrive.
 */

export class RawFrameSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  readonly frames: Buffer[] = [];

  constructor(readonly frameBytes: number) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.frameBytes) return;
    let joined = Buffer.concat(this.pending, this.pendingBytes);
    while (joined.length >= this.frameBytes) {
      this.frames.push(Buffer.from(joined.subarray(0, this.frameBytes)));
      joined = joined.subarray(this.frameBytes);
    }
    this.pending = joined.length > 0 ? [joined] : [];
    this.pendingBytes = joined.length;
  }

  /** Removes and returns the whole frames received so far, so a consumer can hand them on as they arrive. */
  takeFrames(): Buffer[] {
    return this.frames.splice(0, this.frames.length);
  }

  /** Bytes left over that do not make a whole frame (non-zero means the stream was cut). */
  get leftoverBytes(): number {
    return this.pendingBytes;
  }
}

export function bytesPerPixel(format: 'rgb24' | 'gray'): number {
  return format === 'rgb24' ? 3 : 1;
}
