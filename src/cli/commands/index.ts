/**
 * The command table: every CLI command, in the order `reelm --help` lists them. Adding a command is
 * adding a file and a line here; the entry point never branches on names.
 */

import type { CommandDeclaration } from '../command.js';
import { configCommand } from './config.js';
import { demoCommand } from './demo.js';
import { framesCommand } from './frames.js';
import { modelsCommand } from './models.js';
import { planCommand } from './plan.js';
import { probeCommand } from './probe.js';
import { storyboardCommand } from './storyboard.js';
import { synthCommand } from './synth.js';

export const commands: readonly CommandDeclaration[] = Object.freeze([demoCommand, probeCommand, framesCommand, storyboardCommand, planCommand, synthCommand, modelsCommand, configCommand]);
