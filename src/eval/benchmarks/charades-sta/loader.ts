/**
 * Loads Charades-STA test queries. The annotations come from the TALL repository (jiyanggao/TALL, linked
 * on Google Drive), one query per line: `3MSZA 24.3 30.4##person turn a light on.` The lmms-eval data set
 * (`lmms-lab/charades_sta` on Hugging Face) holds the same queries as `{video, caption, timestamp}` rows,
 * with float16 timestamps and captions without the final period, published as
 * `data/test-00000-of-00001.parquet`; that file is read as published, and its rows exported as JSON or
 * JSON Lines too (both keep their float16 values, which lmms-eval's keys and scores use). TALL sentences
 * lose their final period so both forms give the same keys. Videos: `Charades_v1_480/<id>.mp4`.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import type { BenchmarkLoadContext } from '../../benchmark.js';
import { findPublishedFile, limitDocs, parseJsonFile, parseJsonLines } from '../../benchmark-files.js';
import { readParquetRows } from '../../read-parquet.js';

export interface CharadesDoc {
  id: string;
  /** The file name, as lmms-eval keys it: "3MSZA.mp4". */
  video: string;
  videoPath: string;
  caption: string;
  timestamp: [number, number];
}

export const charadesAnnotationFile = {
  paths: ['charades_sta_test.txt', 'data/charades_sta_test.txt', 'data/test-00000-of-00001.parquet', 'test.jsonl', 'data/test.jsonl', 'test.json', 'data/test.json'],
  source: 'the TALL repository (github.com/jiyanggao/TALL, charades_sta_test.txt on Google Drive) or huggingface.co/datasets/lmms-lab/charades_sta (data/test-00000-of-00001.parquet, or its rows exported as JSON)',
} as const;

function parseTallLine(line: string, where: string): Omit<CharadesDoc, 'id' | 'videoPath'> {
  const [head = '', sentence = ''] = line.split('##');
  const [id, start, end] = head.trim().split(/\s+/);
  if (!id || start === undefined || end === undefined || !sentence) throw new ConfigError(where, 'is not a TALL line "<video> <start> <end>##<sentence>".');
  return { video: `${id}.mp4`, caption: sentence.trim().replace(/\.$/, ''), timestamp: [Number(start), Number(end)] };
}

export async function loadCharadesSta(context: BenchmarkLoadContext): Promise<CharadesDoc[]> {
  const file = await findPublishedFile(context.dataDir, charadesAnnotationFile);
  let rows: Array<Omit<CharadesDoc, 'id' | 'videoPath'>>;
  if (file.endsWith('.parquet')) {
    const records = (await readParquetRows(file, context.signal)) as unknown as CharadesDoc[];
    rows = records.map((r) => ({ video: r.video, caption: r.caption, timestamp: [Number(r.timestamp[0]), Number(r.timestamp[1])] }));
  } else if (file.endsWith('.txt')) {
    rows = (await fs.readFile(file, 'utf8')).split(/\r?\n/).flatMap((line, i) => (line.trim() ? [parseTallLine(line, `${file}:${i + 1}`)] : []));
  } else {
    const text = await fs.readFile(file, 'utf8');
    const records = file.endsWith('.jsonl') ? parseJsonLines<CharadesDoc>(text, file) : parseJsonFile<CharadesDoc[]>(text, file);
    rows = records.map((r) => ({ video: r.video, caption: r.caption, timestamp: [Number(r.timestamp[0]), Number(r.timestamp[1])] }));
  }
  const docs = rows.map((row, i) => ({ ...row, id: String(i), videoPath: path.resolve(context.dataDir, 'Charades_v1_480', row.video) }));
  return limitDocs(docs, context.limit);
}
