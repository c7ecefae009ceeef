/**
 * The command table: every CLI command, in the order `reelm --help` lists them. Adding a command is
 * adding a file and a line here; the entry point never branches on names.
 */

import type { CommandDeclaration } from '../command.js';
import { askCommand } from './ask.js';
import { captionCommand } from './caption.js';
import { configCommand } from './config.js';
import { demoCommand } from './demo.js';
import { evalCommand } from './eval.js';
import { doctorCommand } from './doctor.js';
import { framesCommand } from './frames.js';
import { groundCommand } from './ground.js';
import { highlightsCommand } from './highlights.js';
import { indexCommand } from './index-videos.js';
import { libraryCommand } from './library.js';
import { modelsCommand } from './models.js';
import { planCommand } from './plan.js';
import { probeCommand } from './probe.js';
import { searchCommand } from './search.js';
import { storyboardCommand } from './storyboard.js';
import { summarizeCommand } from './summarize.js';
import { synthCommand } from './synth.js';
import { timelineCommand } from './timeline.js';

export const commands: readonly CommandDeclaration[] = Object.freeze([
  demoCommand, askCommand, groundCommand, captionCommand, summarizeCommand, highlightsCommand,
  probeCommand, framesCommand, storyboardCommand, planCommand, synthCommand, evalCommand, modelsCommand, configCommand,
  indexCommand, searchCommand, timelineCommand, libraryCommand, doctorCommand,
]);
