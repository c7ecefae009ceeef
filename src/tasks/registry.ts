/**
 * The task registry: a frozen table of task definitions keyed by id (`ask`, `ground`, `caption`,
 * `summarize`, `highlights`). The CLI, the library API, the evaluation runner and the demo run tasks
 * through `runTask`, so a new task is one new entry here.
 */

import { NotFoundError, ReelmError } from '../core/errors.js';
import { askTask } from './ask.js';
import { captionTask } from './caption.js';
import { groundTask } from './ground.js';
import { highlightsTask } from './highlights.js';
import { summarizeTask } from './summarize/summarize.js';
import type { TaskContext, TaskDefinition, TaskRequest } from './task.js';
import type { TaskResult } from './task-result.js';

export const taskRegistry = Object.freeze({
  ask: askTask,
  ground: groundTask,
  caption: captionTask,
  summarize: summarizeTask,
  highlights: highlightsTask,
} as const satisfies Record<string, TaskDefinition<unknown>>);

export type TaskId = keyof typeof taskRegistry;

/** The detail type of each task's result. */
export type TaskDetail<Id extends TaskId> = (typeof taskRegistry)[Id] extends TaskDefinition<infer Detail> ? Detail : never;

// Ids come from the keys; an entry holding another task's definition is a bug caught at load time.
for (const [key, task] of Object.entries(taskRegistry)) {
  if (task.id !== key) throw new ReelmError(`task registry: entry ${key} holds task ${task.id}; keep each task under its own id.`);
}

export function isTaskId(id: string): id is TaskId {
  return Object.hasOwn(taskRegistry, id);
}

/**
 * The task with this id.
 * @example getTask('ground').needsQuery // true
 */
export function getTask<Id extends TaskId>(id: Id): (typeof taskRegistry)[Id];
export function getTask(id: string): TaskDefinition;
export function getTask(id: string): TaskDefinition {
  if (!isTaskId(id)) throw new NotFoundError(`task ${id}`, `there is no task "${id}"; choose one of ${Object.keys(taskRegistry).join(', ')}.`, { kind: 'input' });
  return taskRegistry[id] as TaskDefinition;
}

/** Every task, in registry order. */
export function listTasks(): TaskDefinition[] {
  return Object.values(taskRegistry) as TaskDefinition[];
}

/**
 * Runs a task by id.
 * @example const result = await runTask('ask', { video: 'talk.mp4', query: 'Who speaks first?' }, { model });
 */
export function runTask<Id extends TaskId>(id: Id, request: TaskRequest, context: TaskContext): Promise<TaskResult<TaskDetail<Id>>>;
export function runTask(id: string, request: TaskRequest, context: TaskContext): Promise<TaskResult>;
export async function runTask(id: string, request: TaskRequest, context: TaskContext): Promise<TaskResult> {
  return getTask(id).run(request, context);
}
