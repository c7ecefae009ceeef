/**
 * Rewrites MP4/MOV samples of H.264 and HEVC into an Annex-B elementary stream that one ffmpeg
 * process can decode from stdin. This is what lets reelm open a file once and "seek" any number of
 * times: the packet index gives each sample's byte range, we read only the samples a request needs
 * (a keyframe, or a keyframe and the frames up to a target) and hand them to the decoder back to back.
 * ffmpeg's CLI cannot do this itself: every `-ss … -i` costs a full open and index parse of the file
 * (≈40 ms per seek on a 10-minute clip), and a keyframe-only pass reads the whole file.
 *
 * Written by hand because no maintained npm library converts length-prefixed NAL units to Annex-B;
 * the format is small (ISO/IEC 14496-15 §5.3.3 avcC, §8.3.3 hvcC) and is tested on real files.
 */

export type ElementaryCodec = 'h264' | 'hevc';

export interface CodecConfiguration {
  codec: ElementaryCodec;
  /** Bytes of the NAL length prefix in each sample (1, 2 or 4). */
  lengthSize: number;
  /** Parameter sets (SPS/PPS, and VPS for HEVC) as Annex-B, sent before every segment. */
  parameterSets: Buffer;
}

const startCode = Buffer.from([0, 0, 0, 1]);

function annexB(units: Buffer[]): Buffer {
  return Buffer.concat(units.flatMap((unit) => [startCode, unit]));
}

/** Parses an avcC (H.264) or hvcC (HEVC) record; undefined when it is not one we understand. */
export function parseCodecConfiguration(codec: string, extradata: Buffer | undefined): CodecConfiguration | undefined {
  if (!extradata || extradata.length < 7 || extradata[0] !== 1) return undefined;
  try {
    if (codec === 'h264') {
      const lengthSize = (extradata[4]! & 0x03) + 1;
      const units: Buffer[] = [];
      let offset = 5;
      const spsCount = extradata[offset++]! & 0x1f;
      for (let i = 0; i < spsCount; i++) {
        const length = extradata.readUInt16BE(offset);
        units.push(extradata.subarray(offset + 2, offset + 2 + length));
        offset += 2 + length;
      }
      const ppsCount = extradata[offset++]!;
      for (let i = 0; i < ppsCount; i++) {
        const length = extradata.readUInt16BE(offset);
        units.push(extradata.subarray(offset + 2, offset + 2 + length));
        offset += 2 + length;
      }
      return { codec, lengthSize, parameterSets: annexB(units) };
    }
    if (codec === 'hevc' && extradata.length >= 23) {
      const lengthSize = (extradata[21]! & 0x03) + 1;
      const arrayCount = extradata[22]!;
      const units: Buffer[] = [];
      let offset = 23;
      for (let a = 0; a < arrayCount; a++) {
        const nalCount = extradata.readUInt16BE(offset + 1);
        offset += 3;
        for (let n = 0; n < nalCount; n++) {
          const length = extradata.readUInt16BE(offset);
          units.push(extradata.subarray(offset + 2, offset + 2 + length));
          offset += 2 + length;
        }
      }
      return { codec, lengthSize, parameterSets: annexB(units) };
    }
  } catch {
    // A malformed record reads past its end; the caller falls back to ffmpeg's own demuxer.
    return undefined;
  }
  return undefined;
}

export interface SampleFacts {
  /** Annex-B bytes of the sample. */
  annexB: Buffer;
  /** The sample starts a fresh decode (H.264 IDR, HEVC IDR/BLA/CRA-as-first). */
  instantaneousRefresh: boolean;
  /** No other picture refers to this one, so it can be left out when it is not itself wanted. */
  disposable: boolean;
}

/** Splits one length-prefixed sample into NAL units, converts it to Annex-B and reads its header facts. */
export function convertSample(sample: Buffer, configuration: CodecConfiguration): SampleFacts | undefined {
  const units: Buffer[] = [];
  let instantaneousRefresh = false;
  let sawPicture = false;
  let allPicturesDisposable = true;
  let offset = 0;
  while (offset + configuration.lengthSize <= sample.length) {
    const length = sample.readUIntBE(offset, configuration.lengthSize);
    offset += configuration.lengthSize;
    if (length === 0 || offset + length > sample.length) return undefined;
    const unit = sample.subarray(offset, offset + length);
    offset += length;
    units.push(unit);
    const header = unit[0]!;
    if (configuration.codec === 'h264') {
      const type = header & 0x1f;
      if (type === 1 || type === 5) {
        sawPicture = true;
        if (type === 5) instantaneousRefresh = true;
        if ((header >> 5) & 0x03) allPicturesDisposable = false;
      }
    } else {
      const type = (header >> 1) & 0x3f;
      if (type <= 21) {
        sawPicture = true;
        if (type >= 16 && type <= 21) instantaneousRefresh = type === 19 || type === 20;
        // HEVC sub-layer non-reference pictures may still be referenced by higher temporal layers;
        // decode everything rather than reason about temporal ids.
        allPicturesDisposable = false;
      }
    }
  }
  if (offset !== sample.length || !sawPicture) return undefined;
  return { annexB: annexB(units), instantaneousRefresh, disposable: allPicturesDisposable };
}
