/**
 * The query API every layer shares (tasks, agent, streams, server, CLI): text search, signals by time
 * and label, structure by time, the library's videos, and nearest keyframes by embedding.
 */

export type { SignalHit, ThumbnailRef, VideoRef } from './hits.js';
export { searchText, searchTextDetailed, toFtsQuery, type SearchTextOptions, type TextSearchResult } from './search-text.js';
export { signalsInSpan, textInSpan, transcriptInSpan, objectsByLabel, type ObjectQueryOptions, type SpanQueryOptions } from './signals-in-span.js';
export { segmentsInSpan, keyframesInSpan, readThumbnail, type KeyframeRecord, type SegmentRecord } from './segments.js';
export { ingestStatus, listVideos, type IngestStatus, type LibraryVideo } from './videos.js';
export { nearestKeyframes, searchVisual, type KeyframeHit, type NearestKeyframesOptions } from './nearest-keyframes.js';
export { findVideo, resolveVideo, type VideoSelector } from './video-ref.js';
export { captionsOf, type StoredCaption } from './captions.js';
