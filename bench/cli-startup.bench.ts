/**
 * The CLI startup benchmark (`npm run bench:cli`): how long `reelm --help` takes from the built
 * package, which is what every command pays before it does anything. The CLI loads heavy modules
 * lazily so this stays small; the must target is a median under 0.5 s over 10 runs.
 * Writes bench/results/cli-startup.json and prints the numbers.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliEntry = path.join(repositoryRoot, 'dist', 'cli', 'main.js');
const resultsPath = path.join(repositoryRoot, 'bench', 'results', 'cli-startup.json');
const runs = 10;
const mustMedianSeconds = 0.5;

interface Run {
  seconds: number;
  exitCode: number | null;
  stderr: string;
}

function timeOnce(argv: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ seconds: (performance.now() - started) / 1000, exitCode, stderr }));
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function timeMany(argv: string[]): Promise<number[]> {
  const seconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await timeOnce(argv);
    if (result.exitCode !== 0) throw new Error(`${argv.join(' ')} exited with ${result.exitCode}:\n${result.stderr.slice(-2000)}`);
    seconds.push(result.seconds);
  }
  return seconds;
}

async function main(): Promise<void> {
  if (!(await fs.stat(cliEntry).then(() => true, () => false))) {
    throw new Error(`${path.relative(repositoryRoot, cliEntry)} does not exist: run \`npm run build\` first (npm run bench:cli does), or the CLI entry point has not been written yet.`);
  }
  await timeOnce(['node', cliEntry, '--help']); // one untimed run so the files are in the page cache
  // Bare node start-up, measured beside it: the part of the number the CLI cannot do anything about.
  const nodeAlone = await timeMany(['node', '-e', '0']);
  const help = await timeMany(['node', cliEntry, '--help']);
  const medianSeconds = median(help);
  const result = {
    benchmark: 'cli-startup',
    command: 'node dist/cli/main.js --help',
    machine: { cpuModel: os.cpus()[0]?.model, cores: os.availableParallelism(), node: process.version, loadAverage: os.loadavg()[0], date: new Date().toISOString() },
    runs,
    seconds: help,
    medianSeconds,
    nodeAloneMedianSeconds: median(nodeAlone),
    targets: { must: { medianUnderHalfSecond: medianSeconds < mustMedianSeconds } },
  };
  await fs.mkdir(path.dirname(resultsPath), { recursive: true });
  await fs.writeFile(resultsPath, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`reelm --help: median ${medianSeconds.toFixed(3)} s over ${runs} runs (bare node: ${result.nodeAloneMedianSeconds.toFixed(3)} s)`);
  console.log(`must: median < ${mustMedianSeconds} s: ${result.targets.must.medianUnderHalfSecond ? 'met' : 'NOT met'}`);
  console.log(`wrote ${path.relative(process.cwd(), resultsPath)}`);
}

await main();
