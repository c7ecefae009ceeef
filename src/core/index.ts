/**
 * reelm's core: time, errors, progress events, content hashing, configuration and the artifact cache.
 * Depends on nothing else in reelm.
 */
export * from './artifact-cache.js';
export * from './config.js';
export * from './content-hash.js';
export * from './errors.js';
export * from './paths.js';
export * from './progress.js';
export * from './time.js';
