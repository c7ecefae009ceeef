/**
 * `reelm probe <video> [--json]`: what a video is — duration, size after rotation, frame rates,
 * streams, keyframes — as a readable summary or as the VideoInfo JSON.
 */

import type { CommandDeclaration } from '../command.js';

export const probeCommand: CommandDeclaration = {
  name: 'probe',
  summary: 'Show what a video is: duration, size, frame rate, streams, keyframes.',
  help: `Reads the container and the packet index (no decoding) and prints the facts every other
command relies on. Sizes are display sizes after rotation; times are seconds on the
presentation timeline (what a player shows).

Examples:
  reelm probe talk.mp4
  reelm probe talk.mp4 --json | jq .video.keyframeTimes`,
  arguments: [{ name: 'video', description: 'a video file', required: true }],
  options: [{ flags: '--json', description: 'print VideoInfo as JSON' }],
  async run([file], options, context) {
    const { probe } = await import('../../media/probe.js');
    const { formatTime } = await import('../../core/time.js');
    const { cliCache } = await import('../cache.js');
    const info = await probe(file!, { signal: context.signal, cache: cliCache(context) });
    if (options.json) {
      context.stdout.write(JSON.stringify(info, null, 2) + '\n');
      return;
    }
    const lines = [
      `file        ${info.path}`,
      `container   ${info.container}   ${(info.byteSize / 1e6).toFixed(1)} MB${info.bitRate ? `   ${(info.bitRate / 1000).toFixed(0)} kb/s` : ''}`,
      `duration    ${formatTime(info.duration, { precision: 3 })} (${info.duration.toFixed(3)} s)`,
    ];
    const video = info.video;
    if (video) {
      lines.push(
        `video       ${video.codec}${video.profile ? ` (${video.profile})` : ''}  ${video.width}×${video.height}` +
          (video.rotation
            ? `  (stored ${video.codedWidth}×${video.codedHeight}, rotated ${video.rotation}°)`
            : video.codedWidth !== video.width || video.codedHeight !== video.height
              ? `  (stored ${video.codedWidth}×${video.codedHeight}, non-square pixels)`
              : ''),
        `frame rate  ${video.nominalFps.toFixed(3)} nominal, ${video.averageFps.toFixed(3)} average${video.variableFrameRate ? ', variable' : ', constant'}`,
        `frames      ${video.frameCount}, ${video.keyframeTimes.length} keyframes` +
          (video.keyframeTimes.length > 1 ? ` (every ${((video.lastFrameTime - video.firstFrameTime) / (video.keyframeTimes.length - 1 || 1)).toFixed(2)} s on average)` : ''),
      );
    } else {
      lines.push('video       none (audio only)');
    }
    for (const stream of info.streams.filter((candidate) => candidate.type !== 'video')) {
      const details = [stream.codec, stream.language, stream.title, stream.channels ? `${stream.channels} ch` : undefined, stream.sampleRate ? `${stream.sampleRate} Hz` : undefined];
      lines.push(`${stream.type.padEnd(11)} #${stream.index} ${details.filter(Boolean).join(', ')}`);
    }
    lines.push(`hash        sha256:${info.contentHash}`);
    for (const warning of info.warnings) lines.push(`warning     ${warning}`);
    context.stdout.write(lines.join('\n') + '\n');
  },
};
