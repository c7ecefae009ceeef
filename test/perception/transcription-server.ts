/**
 * A test double at the model boundary: a real HTTP server on loopback that speaks OpenAI's
 * `POST /v1/audio/transcriptions` (multipart form data: `file`, `model`, `response_format`,
 * `timestamp_granularities[]`, optional `language`) and answers `verbose_json`. It does real work on
 * what it receives instead of a canned answer: it parses the uploaded WAV (RIFF chunks, 16-bit PCM)
 * and returns one segment per voiced run — 50 ms windows louder than −40 dBFS, runs of at least 0.2 s —
 * with the run's times and a text naming its index and length. So a client that uploads the wrong span,
 * the wrong format, or shifts the times wrongly gets different answers. Faults (a status) are queued
 * per request.
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedTranscription {
  fields: Record<string, string>;
  fileName: string | undefined;
  sampleRate: number;
  channels: number;
  seconds: number;
  authorization: string | undefined;
}

export interface TranscriptionServer {
  baseUrl: string;
  received: ReceivedTranscription[];
  /** The next requests answer these statuses (with a JSON error body), in order. */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

interface Wav {
  sampleRate: number;
  channels: number;
  samples: Int16Array;
}

function parseWav(bytes: Buffer): Wav {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let offset = 12, sampleRate = 0, channels = 0, bits = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    let size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bits = bytes.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`expected 16-bit PCM, got ${bits}-bit`);
      // A streamed WAV (ffmpeg to a pipe) cannot seek back to write the size: it reads 0xFFFFFFFF or 0.
      if (size === 0 || body + size > bytes.length) size = bytes.length - body;
      const samples = new Int16Array(size >> 1);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(body + 2 * i);
      return { sampleRate, channels, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new Error('no data chunk');
}

/** Voiced runs (seconds) of mono or interleaved PCM. */
function voicedRuns(wav: Wav): Array<{ start: number; end: number }> {
  const window = Math.round(wav.sampleRate * 0.05) * wav.channels;
  const runs: Array<{ start: number; end: number }> = [];
  let open: number | undefined;
  const windows = Math.ceil(wav.samples.length / window);
  for (let w = 0; w <= windows; w++) {
    let sum = 0, count = 0;
    for (let i = w * window; i < Math.min(wav.samples.length, (w + 1) * window); i++, count++) sum += (wav.samples[i]! / 32768) ** 2;
    const loud = count > 0 && 10 * Math.log10(sum / count + 1e-12) > -40;
    const time = (w * window) / wav.channels / wav.sampleRate;
    if (loud && open === undefined) open = time;
    if (!loud && open !== undefined) {
      if (time - open >= 0.2) runs.push({ start: open, end: Math.min(time, wav.samples.length / wav.channels / wav.sampleRate) });
      open = undefined;
    }
  }
  return runs;
}

export async function startTranscriptionServer(): Promise<TranscriptionServer> {
  const received: ReceivedTranscription[] = [];
  const faults: number[] = [];
  const server = http.createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method !== 'POST' || request.url !== '/v1/audio/transcriptions') return reply(404, { error: { message: 'not found' } });
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = await new Request('http://loopback/', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      }).formData();
      const file = form.get('file');
      const fields: Record<string, string> = {};
      for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
      if (!(file instanceof Blob) || !fields.model) return reply(400, { error: { message: 'file and model are required' } });
      const wav = parseWav(Buffer.from(await file.arrayBuffer()));
      const seconds = wav.samples.length / wav.channels / wav.sampleRate;
      received.push({ fields, fileName: (file as File).name, sampleRate: wav.sampleRate, channels: wav.channels, seconds, authorization: request.headers.authorization });
      const fault = faults.shift();
      if (fault !== undefined) return reply(fault, { error: { message: `injected ${fault}` } });
      const segments = voicedRuns(wav).map((run, i) => ({ id: i, start: run.start, end: run.end, text: ` voiced ${i + 1} lasting ${(run.end - run.start).toFixed(1)} s` }));
      if (fields.response_format !== 'verbose_json') return reply(200, { text: segments.map((s) => s.text).join('') });
      reply(200, { task: 'transcribe', language: fields.language ?? 'en', duration: seconds, text: segments.map((s) => s.text).join(''), segments });
    } catch (error) {
      reply(400, { error: { message: (error as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    failNext: (...statuses) => faults.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
