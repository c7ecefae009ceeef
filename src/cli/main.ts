#!/usr/bin/env node
/**
 * The `reelm` entry point: builds the command line from the command table, loads a command's heavy
 * modules only when it runs, and turns errors into exit codes — 0 ok, 1 bad input (the message names
 * the input and what to do), 2 internal error. The only place in reelm that exits the process.
 */

import { Command, CommanderError, Option } from 'commander';
import type { CommandContext, CommandDeclaration } from './command.js';
import { commands } from './commands/index.js';
import { reportError } from './report-error.js';

const version = '0.1.0';

function addCommand(program: Command, declaration: CommandDeclaration, run: (declaration: CommandDeclaration, args: string[], options: Record<string, unknown>) => Promise<void>): void {
  const command = program.command(declaration.name).description(declaration.summary).addHelpText('after', `\n${declaration.help}\n`);
  for (const argument of declaration.arguments) {
    command.argument(argument.required ? `<${argument.name}>` : `[${argument.name}]`, argument.description);
  }
  for (const declared of declaration.options) {
    const option = new Option(declared.flags, declared.description);
    if (declared.default !== undefined) option.default(declared.default);
    if (declared.choices) option.choices(declared.choices);
    if (declared.parse) option.argParser(declared.parse);
    command.addOption(option);
  }
  command.action(async (...received: unknown[]) => {
    const args = received.slice(0, declaration.arguments.length) as string[];
    const options = received[declaration.arguments.length] as Record<string, unknown>;
    await run(declaration, args, options);
  });
}

/** Loads the configuration and applies what belongs to the process: binary paths and the stall limit. */
async function applyConfig(globals: { cache: boolean; cacheDir?: string }): Promise<CommandContext['config']> {
  const { loadConfig } = await import('../core/config.js');
  const { setMediaToolPath } = await import('../media/tools.js');
  const { setDefaultStallTimeout } = await import('../media/run-media-tool.js');
  const { globalFlagLayer } = await import('./global-flags.js');
  const { config } = loadConfig({ flags: globalFlagLayer(globals) });
  setMediaToolPath('ffmpeg', config.ffmpeg);
  setMediaToolPath('ffprobe', config.ffprobe);
  setDefaultStallTimeout(config.process.stallTimeoutSec * 1000);
  return config;
}

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const program = new Command('reelm')
    .description('Video understanding with large language models: turn video into evidence a model can reason over.')
    .version(version)
    .option('--no-cache', 'do not read or write the frame/probe cache')
    .option('--cache-dir <dir>', 'cache folder (default $REELM_CACHE_DIR or ~/.cache/reelm)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  let exitCode = 0;
  const run = async (declaration: CommandDeclaration, args: string[], options: Record<string, unknown>): Promise<void> => {
    const globals = program.opts<{ cache: boolean; cacheDir?: string }>();
    try {
      const context: CommandContext = {
        stdout: process.stdout,
        stderr: process.stderr,
        signal: controller.signal,
        globals: { cache: globals.cache, cacheDir: globals.cacheDir },
        config: await applyConfig(globals),
      };
      await declaration.run(args, options, context);
    } catch (error) {
      exitCode = await reportError(error, process.stderr);
    }
  };
  for (const declaration of commands) addCommand(program, declaration, run);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? 0 : 1;
    }
    return reportError(error, process.stderr);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return exitCode;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
