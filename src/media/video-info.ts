/**
 * VideoInfo: what `probe` learns about a media file, the contract every later layer reads.
 * Sizes are display sizes *after* rotation; times are seconds on the presentation timeline.
 */

export interface StreamInfo {
  index: number;
  type: 'video' | 'audio' | 'subtitle' | 'data' | 'attachment';
  codec: string;
  /** ISO 639 language tag when the container names one. */
  language?: string;
  title?: string;
  /** Audio only. */
  channels?: number;
  sampleRate?: number;
}

export interface VideoStreamInfo {
  index: number;
  codec: string;
  profile?: string;
  pixelFormat?: string;
  /** Display size after rotation and sample aspect ratio. */
  width: number;
  height: number;
  /** Size of the coded pictures, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Degrees clockwise the stored picture is turned for display: 0, 90, 180 or 270. */
  rotation: 0 | 90 | 180 | 270;
  /** The container's declared rate (r_frame_rate). */
  nominalFps: number;
  /** Frames over duration (avg_frame_rate, or measured from the packets). */
  averageFps: number;
  /** True when frame intervals differ by more than a few percent. */
  variableFrameRate: boolean;
  /** Number of decodable frames found in the packet index. */
  frameCount: number;
  /** Presentation times of keyframes, ascending, read from packet flags without decoding. */
  keyframeTimes: number[];
  /** Presentation time of the first and last frame. */
  firstFrameTime: number;
  lastFrameTime: number;
}

export interface VideoInfo {
  /** The path as given, resolved to absolute. */
  path: string;
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`. */
  container: string;
  /** Seconds, presentation timeline. */
  duration: number;
  /** The container's start time in its own timestamps; already subtracted from every time reelm reports. */
  startTime: number;
  byteSize: number;
  bitRate?: number;
  /** SHA-256 of the whole file. */
  contentHash: string;
  /** The main video stream, or null for audio-only files. */
  video: VideoStreamInfo | null;
  streams: StreamInfo[];
  /** True when the file ends before its video data does (a cut download or copy); the frame at the cut is not decoded. */
  truncated: boolean;
  /** Things a user should know (truncated data, odd timestamps). */
  warnings: string[];
}
