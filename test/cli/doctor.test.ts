import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startWireServer, type WireServer } from '../models/wire/chat-completions-server.js';
import { createCliWorkspace } from './library-cli-support.js';

const workspace = createCliWorkspace('doctor');
after(() => workspace.dispose());

interface DoctorOutput {
  ok: boolean;
  checks: Array<{ name: string; status: string; detail: string; fix?: string; required: boolean }>;
}

function check(output: DoctorOutput, name: string): DoctorOutput['checks'][number] {
  const found = output.checks.find((candidate) => candidate.name === name);
  assert.ok(found, `no check named ${name} in ${output.checks.map((candidate) => candidate.name).join(', ')}`);
  return found;
}

// A loopback OpenAI-compatible server (the model-boundary double of test/models/wire) to be asked.
let server: WireServer;
before(async () => {
  server = await startWireServer('openai');
});
after(() => server.close());

test('doctor on this machine: media tools, SQLite, the OCR models and chromium work; no model is configured', async () => {
  const run = await workspace.reelm(['doctor', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as DoctorOutput;
  assert.equal(output.ok, true);
  assert.match(check(output, 'ffmpeg').detail, /^\d+\.\d+/);
  assert.equal(check(output, 'ffprobe').status, 'ok');
  assert.match(check(output, 'sqlite').detail, /FTS5/);
  assert.match(check(output, 'sqlite-vec').detail, /^v\d/);
  const ocr = check(output, 'analyzer ocr');
  assert.equal(ocr.status, 'ok', ocr.detail);
  assert.match(ocr.detail, /Loaded and ran on a test frame in \d/);
  const models = check(output, 'models');
  assert.equal(models.status, 'not-configured');
  assert.match(models.fix!, /REELM_MODEL=/);
  for (const result of output.checks) if (result.status !== 'ok') assert.ok(result.fix, `${result.name} is ${result.status} but has no fix`);
});

test('doctor without ffmpeg: ffmpeg is missing, the fix is the setup script, and the exit status is 1', async () => {
  const run = await workspace.reelm(['doctor', '--json'], { env: { REELM_FFMPEG: '/nonexistent/ffmpeg' } });
  assert.equal(run.code, 1);
  const output = JSON.parse(run.stdout) as DoctorOutput;
  assert.equal(output.ok, false);
  const ffmpeg = check(output, 'ffmpeg');
  assert.equal(ffmpeg.status, 'missing');
  assert.match(ffmpeg.fix!, /scripts\/ensure-ffmpeg\.sh/);
  assert.equal(check(output, 'ffprobe').status, 'ok');
  assert.match(run.stderr, /cannot run here without ffmpeg/);
});

test('doctor asks a configured model for a word, and reports one that does not answer with how to check it', async () => {
  const env = { REELM_MODEL: 'openai-compatible:test-model', REELM_BASE_URL: server.baseURL };
  const before = server.chatRequests().length;
  const answered = await workspace.reelm(['doctor', '--json'], { env });
  assert.equal(answered.code, 0, answered.stderr);
  const model = check(JSON.parse(answered.stdout) as DoctorOutput, 'model default');
  assert.equal(model.status, 'ok', model.detail);
  assert.match(model.detail, /openai-compatible:test-model answered ".*" in \d/);
  const asked = server.chatRequests().slice(before);
  assert.equal(asked.length, 1);
  assert.deepEqual(asked[0]!.schemaErrors, []);
  assert.match(JSON.stringify(asked[0]!.body), /Reply with the single word OK/);

  // A server that never answers: the check gives up at --timeout and says how to look at the server.
  for (let i = 0; i < 5; i++) server.enqueue({ hang: true });
  const silent = await workspace.reelm(['doctor', '--json', '--timeout', '3'], { env });
  assert.equal(silent.code, 0, silent.stderr);
  const failed = check(JSON.parse(silent.stdout) as DoctorOutput, 'model default');
  assert.equal(failed.status, 'failed');
  assert.match(failed.detail, /within 3 s/);
  assert.equal(failed.fix, `curl ${server.baseURL}/models   (is the server running at that address?)`);
});

test('doctor prints one line per check, with the fix under a missing piece', async () => {
  const run = await workspace.reelm(['doctor']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^ok\s+ffmpeg\s+\d/m);
  assert.match(run.stdout, /^not-configured\s+models\s+.*\n\s+→ export REELM_MODEL=/m);
  assert.match(run.stdout, /reelm can run here/);
});
