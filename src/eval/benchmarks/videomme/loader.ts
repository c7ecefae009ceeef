/**
 * Loads Video-MME from `--data`. The annotations are published on Hugging Face (`lmms-lab/Video-MME`,
 * `videomme/test-00000-of-00001.parquet`) with fields `video_id, duration, domain, sub_category, url,
 * videoID, question_id, task_type, question, options, answer`. reelm reads that parquet file as published
 * (read-parquet.ts), the same rows exported as JSON or JSON Lines next to it
 * (`videomme/test-00000-of-00001.json[l]`), or the nested result format of BradyFU/Video-MME
 * `evaluation/output_test_template.json` (trailing commas tolerated as published). Videos are
 * `data/<videoID>.mp4` (the YouTube id), subtitles `subtitle/<videoID>.srt`.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { readSubtitleFile, type SubtitleCue } from '../../../media/subtitles/index.js';
import { ConfigError } from '../../../core/errors.js';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { findPublishedFile, limitDocs, parseJsonFile, parseJsonLines, resolveMediaPath } from '../../benchmark-files.js';
import { readParquetRows } from '../../read-parquet.js';

export interface VideoMmeDoc {
  id: string;
  videoId: string;
  /** The YouTube id the videos and subtitles are named by; the video id when the data has none. */
  videoName: string;
  duration: string;
  domain: string;
  subCategory: string;
  taskType: string;
  question: string;
  /** As published, letter included: "A. Apples." */
  options: string[];
  answer: string;
  video: string;
  subtitles: string;
  /** Filled by the subtitles variant's loader; empty when the video has no subtitle file. */
  cues?: SubtitleCue[];
  /** Filled by the subtitles variant's loader: whether `subtitle/<videoID>.srt` exists (lmms-eval says "No subtitles available" when not). */
  subtitleFileFound?: boolean;
}

export const videoMmeAnnotationFile = {
  paths: ['videomme/test-00000-of-00001.parquet', 'videomme/test-00000-of-00001.json', 'videomme/test-00000-of-00001.jsonl', 'videomme/test.jsonl', 'videomme/test.json', 'evaluation/output_test_template.json', 'output_test_template.json'],
  source: 'huggingface.co/datasets/lmms-lab/Video-MME (videomme/test-00000-of-00001.parquet) or github.com/BradyFU/Video-MME (evaluation/output_test_template.json)',
} as const;

export interface VideoMmeRow { video_id: string; duration: string; domain: string; sub_category: string; videoID?: string; question_id: string; task_type: string; question: string; options: string[]; answer: string; response?: string }
interface NestedVideo { video_id: string; duration: string; domain: string; sub_category: string; videoID?: string; questions: Array<Omit<VideoMmeRow, 'video_id' | 'duration' | 'domain' | 'sub_category' | 'videoID'>> }

/** Python's json module rejects the template's trailing commas; reelm removes them outside strings. */
function removeTrailingCommas(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (match, quoted: string | undefined, closer: string | undefined) => quoted ?? closer ?? match);
}

/** Rows from JSON Lines, a JSON array of rows, or the nested results format. */
export function parseVideoMmeRows(text: string, file: string): VideoMmeRow[] {
  if (file.endsWith('.jsonl')) return parseJsonLines<VideoMmeRow>(text, file);
  const value = parseJsonFile<unknown>(removeTrailingCommas(text), file);
  if (!Array.isArray(value)) throw new ConfigError(file, 'expected a JSON array of Video-MME rows or videos.');
  return (value as Array<VideoMmeRow | NestedVideo>).flatMap((entry) =>
    'questions' in entry ? entry.questions.map((q) => ({ ...q, video_id: entry.video_id, duration: entry.duration, domain: entry.domain, sub_category: entry.sub_category, videoID: entry.videoID ?? entry.video_id })) : [entry],
  );
}

export async function loadVideoMme(context: BenchmarkLoadContext, options: { subtitles?: boolean } = {}): Promise<VideoMmeDoc[]> {
  const file = await findPublishedFile(context.dataDir, videoMmeAnnotationFile);
  const rows = file.endsWith('.parquet')
    ? (await readParquetRows(file, context.signal)) as unknown as VideoMmeRow[]
    : parseVideoMmeRows(await fs.readFile(file, 'utf8'), file);
  const docs: VideoMmeDoc[] = [];
  for (const row of limitDocs(rows, context.limit)) {
    const videoName = row.videoID ?? row.video_id;
    const video = await resolveMediaPath(context.dataDir, [`data/${videoName}.mp4`, `videos/${videoName}.mp4`, `data/${videoName}.mkv`]);
    docs.push({
      id: row.question_id, videoId: row.video_id, videoName, duration: row.duration, domain: row.domain, subCategory: row.sub_category,
      taskType: row.task_type, question: row.question, options: row.options, answer: row.answer, video,
      subtitles: path.resolve(context.dataDir, 'subtitle', `${videoName}.srt`),
    });
  }
  if (options.subtitles) {
    const byVideo = new Map<string, SubtitleCue[] | undefined>();
    for (const doc of docs) {
      if (!byVideo.has(doc.videoName)) {
        // 744 of 900 videos have subtitles; a video without a file gets an empty block, as published.
        const found = await findPublishedFile(context.dataDir, { paths: [`subtitle/${doc.videoName}.srt`], source: '' }).catch(() => undefined);
        byVideo.set(doc.videoName, found ? (await readSubtitleFile(found)).cues : undefined);
      }
      const cues = byVideo.get(doc.videoName);
      doc.cues = cues ?? [];
      doc.subtitleFileFound = cues !== undefined;
    }
  }
  return docs;
}
