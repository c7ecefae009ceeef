/**
 * `reelm index <path|dir>`: indexes a video, or every video in a folder, into the library's store —
 * scenes, keyframes, on-screen text, objects and people, loudness — with progress bars per video and
 * overall. Resumable: a stopped run continues where it stopped; an unchanged file costs nothing.
 * `--watch` keeps indexing files that appear or change until Ctrl-C.
 */

import type { CommandDeclaration } from '../command.js';
import { libraryOption } from '../library-flag.js';

export const indexCommand: CommandDeclaration = {
  name: 'index',
  summary: 'Index videos into the library so they can be searched and asked about.',
  help: `Indexes one video, or every video in a folder and its subfolders, into a library store:
scenes, keyframes with thumbnails, and the signals of the offline analyzers (on-screen text,
objects and people, motion, loudness). The store is .reelm/ in the library folder (or, when the
folder is read-only, under the user's data folder); commands find it from any folder inside.

Indexing is resumable: stop it at any point and run the same command again to continue; an
unchanged video is not analysed again, and a changed setting re-runs only what it affects.
With an embedder configured (roles.embedder), keyframes are embedded for visual search.
With --speech (or roles.speech in the config), speech is transcribed into segments with
times, searchable with reelm search --kind speech: local Whisper through transformers.js
(whisper:<folder>, or whisper:<Hub id> with --allow-download), or a transcription endpoint.
With a caption model (--caption-model, or roles.captioner in the config), each segment gets a
short caption written by that model from a few of its frames, searchable with
reelm search --kind caption. Chunk captions a summary already wrote with the same model (in the
cache) are imported instead of asking again; another model re-captions, and only that stage.

Examples:
  reelm index talk.mp4
  reelm index ~/videos --json
  reelm index ~/incoming --watch --library ~/videos
  reelm index talk.mp4 --analyzers ocr
  reelm index talk.mp4 --speech whisper:Xenova/whisper-tiny.en --allow-download
  reelm index talk.mp4 --speech whisper:./models/whisper-tiny.en
  reelm index talk.mp4 --caption-model vllm:Qwen/Qwen2.5-VL-7B-Instruct`,
  arguments: [{ name: 'path', description: 'a video file or a folder of videos', required: true }],
  options: [
    libraryOption,
    { flags: '--analyzers <ids>', description: 'comma-separated analyzer ids to run (default: every default analyzer; "none" for none)' },
    { flags: '--caption-model <id>', description: 'caption each segment with this model: provider:model or a configured model name (default: roles.captioner when set; none otherwise)' },
    { flags: '--speech <model>', description: 'transcribe speech: whisper:<folder or Hub id> (local Whisper, transformers.js) or http(s)://host/v1[#model] (a transcription endpoint) (default: roles.speech when set; none otherwise); with --analyzers, list speech too' },
    { flags: '--allow-download', description: 'let transformers.js download the Hub model named by --speech (off: models are read from folders only)' },
    { flags: '--watch', description: 'keep watching the path and index new or changed videos until Ctrl-C' },
    { flags: '--json', description: 'print a JSON summary (no progress bars)' },
  ],
  async run([input], options, context) {
    const { resolveIndexTarget, indexFiles, watchAndIndex } = await import('../index-library.js');
    const { openStore } = await import('../../memory/store/open-store.js');
    const { cliCache } = await import('../cache.js');
    const { createProgressRenderer } = await import('../progress-bar.js');
    const { chooseEmbedder, createConfiguredEmbedder } = await import('../configured-embedder.js');
    const { MediaError } = await import('../../core/errors.js');
    const target = await resolveIndexTarget(input!, typeof options.library === 'string' ? options.library : undefined, { allowEmpty: Boolean(options.watch) });
    const analyzers = typeof options.analyzers === 'string'
      ? options.analyzers === 'none' ? [] : options.analyzers.split(',').map((id) => id.trim()).filter(Boolean)
      : undefined;
    const json = Boolean(options.json);
    const onProgress = createProgressRenderer(context.stderr, !json);
    const embedder = chooseEmbedder(context.config) ? await createConfiguredEmbedder(context.config, context.signal) : undefined;
    // Captions only when asked for: by the flag or a captioner role (never models.default, which is for answering).
    const captionFlag = typeof options.captionModel === 'string' ? options.captionModel : undefined;
    let captionModel: import('../../models/language-model.js').LanguageModel | undefined;
    if (captionFlag !== undefined || context.config.roles.captioner !== undefined) {
      const { chooseModel, registerCommandLineProviders } = await import('../resolve-model.js');
      const { createLanguageModel } = await import('../../models/create-model.js');
      const choice = chooseModel(captionFlag, context.config, 'captioner')!;
      await registerCommandLineProviders();
      captionModel = await createLanguageModel(choice.id, choice.entry, { name: choice.name, signal: context.signal });
    }
    const { speechEntryFromSpec, configuredSpeechEntry } = await import('../../perception/speech/speech-entry.js');
    const speech = typeof options.speech === 'string'
      ? speechEntryFromSpec(options.speech, { allowDownload: Boolean(options.allowDownload) })
      : configuredSpeechEntry(context.config);
    const store = openStore({ library: target.library.root });
    try {
      const runOptions = { store, cache: cliCache(context), analyzers, embedder, ...(captionModel ? { captionModel } : {}), ...(speech ? { speech } : {}), signal: context.signal, onProgress };
      const reports = await indexFiles(target.files, runOptions);
      const summary = { library: target.library.root, store: store.file, videos: reports };
      if (json) context.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        for (const report of reports) {
          context.stdout.write(report.status === 'indexed'
            ? `indexed ${report.path}: ${report.unitsRun} units run, ${report.unitsSkipped} already done, ${report.framesAnalysed} frames analysed in ${report.seconds} s\n`
            : `failed  ${report.path}: ${report.error}\n`);
        }
        context.stdout.write(`library ${target.library.root} (store ${store.file})\n`);
      }
      if (options.watch) {
        if (!json) context.stdout.write(`watching ${target.input} for new or changed videos; Ctrl-C stops.\n`);
        await watchAndIndex(target, {
          ...runOptions,
          onIndexed: (more) => {
            for (const report of more) {
              context.stdout.write(json ? JSON.stringify(report) + '\n' : `${report.status} ${report.path}${report.error ? `: ${report.error}` : ''}\n`);
            }
          },
        });
        return;
      }
      const failed = reports.filter((report) => report.status === 'failed');
      if (failed.length > 0) {
        throw new MediaError(failed.map((report) => report.path).join(', '), 'unreadable',
          `${failed.length} of ${reports.length} video${reports.length === 1 ? '' : 's'} could not be indexed (see above); fix or remove them and run reelm index again.`);
      }
    } finally {
      store.close();
    }
  },
};
