/**
 * The HTML answer page (`--html answer.html`): one self-contained file with the question, the answer,
 * the times it names, the evidence storyboard the model saw (inlined as a data URL, each tile clickable)
 * and a <video> player that seeks to a time when any time on the page is clicked. Every time is also a
 * plain `video.mp4#t=83.4` link, so the page still works without scripts. The model's text and file
 * names are untrusted: everything is escaped, nothing is fetched from anywhere but the video file.
 */

import path from 'node:path';
import { formatTime, timeLink } from '../core/time.js';
import type { EncodedImageFormat } from '../media/images.js';
import type { StoryboardTile } from '../media/storyboard.js';
import type { TaskResult } from '../tasks/task-result.js';
import { formatSpanForPeople, renderCostLine, renderEvidenceLine } from './render-answer.js';

export interface EvidenceSheet {
  image: Uint8Array;
  format: EncodedImageFormat;
  width: number;
  height: number;
  tiles: readonly StoryboardTile[];
}

export interface AnswerPageInput {
  result: TaskResult;
  /** The video's URL as the page sees it (relative to the page): see {@link videoUrlFor}. */
  videoUrl: string;
  /** The question, event or query asked, when there was one. */
  query?: string;
  storyboard?: EvidenceSheet;
}

const mimeTypes = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const satisfies Record<EncodedImageFormat, string>;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The video's URL relative to the page, each path segment percent-encoded (spaces, `#`, non-ASCII).
 * @example videoUrlFor('/out/answer.html', '/videos/my clip.mp4') // '../videos/my%20clip.mp4'
 */
export function videoUrlFor(pagePath: string, videoPath: string): string {
  const relative = path.relative(path.dirname(path.resolve(pagePath)), path.resolve(videoPath));
  return relative.split(path.sep).map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/');
}

/** A time the page can seek to: a `#t=` link carrying the exact seconds for the script. */
function timeAnchor(videoUrl: string, seconds: number, text: string, className = 'time'): string {
  return `<a class="${className}" href="${escapeHtml(timeLink(videoUrl, seconds))}" data-time="${Number(seconds.toFixed(3))}">${escapeHtml(text)}</a>`;
}

// `HH:MM:SS(.s)` or `MM:SS(.s)` inside the answer's prose.
const timeInTextPattern = /\b(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d(?:\.\d+)?)\b/g;

/** The answer's text, escaped, with every time it mentions turned into a seek link. */
export function linkTimesInText(text: string, videoUrl: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(timeInTextPattern)) {
    const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
    html += escapeHtml(text.slice(last, match.index)) + timeAnchor(videoUrl, seconds, match[0]);
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

function spanItems(input: AnswerPageInput): string {
  const { result, videoUrl } = input;
  if (result.spans.length === 0) return '<p class="none">The answer names no times.</p>';
  const items = result.spans.map((span) => {
    const notes = [
      span.salience !== undefined ? `salience ${span.salience.toFixed(2)}` : undefined,
      span.confidence ? `confidence ${span.confidence.value.toFixed(2)} (${span.confidence.source})` : undefined,
    ].filter(Boolean);
    return `<li>${timeAnchor(videoUrl, span.start, formatSpanForPeople(span))}` +
      `${span.label ? ` <span class="label">${escapeHtml(span.label)}</span>` : ''}` +
      `${notes.length > 0 ? ` <span class="notes">${escapeHtml(notes.join(', '))}</span>` : ''}</li>`;
  });
  return `<ol class="spans">${items.join('')}</ol>`;
}

function storyboardBlock(input: AnswerPageInput): string {
  const sheet = input.storyboard;
  if (!sheet) return '';
  const source = `data:${mimeTypes[sheet.format]};base64,${Buffer.from(sheet.image).toString('base64')}`;
  const percent = (value: number, of: number): string => `${((100 * value) / of).toFixed(4)}%`;
  const tiles = sheet.tiles.map((tile) => {
    const style = `left:${percent(tile.x, sheet.width)};top:${percent(tile.y, sheet.height)};width:${percent(tile.width, sheet.width)};height:${percent(tile.height, sheet.height)}`;
    const label = formatTime(tile.time);
    return `<a class="tile" style="${style}" href="${escapeHtml(timeLink(input.videoUrl, tile.time))}" data-time="${Number(tile.time.toFixed(3))}" title="${label}" aria-label="seek to ${label}"></a>`;
  });
  return `<h2>What the model saw</h2><p class="hint">${escapeHtml(renderEvidenceLine(input.result))}. Click a frame to play from there.</p>` +
    `<div class="sheet"><img src="${source}" width="${sheet.width}" height="${sheet.height}" alt="evidence storyboard">${tiles.join('')}</div>`;
}

const style = `
body{font:16px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fafafa}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.query{font-size:1.15rem;margin:.25rem 0 1rem}
video{width:100%;max-height:60vh;background:#000;border-radius:6px}
.answer{white-space:pre-wrap;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem}
a.time{font-family:ui-monospace,monospace;color:#0645ad;text-decoration:none;border-bottom:1px dotted}
a.time.current{background:#ffe58a}
.spans li{margin:.2rem 0}.label{margin-left:.5rem}.notes{color:#666;font-size:.9em;margin-left:.5rem}
.sheet{position:relative;display:inline-block;max-width:100%}.sheet img{display:block;max-width:100%;height:auto}
a.tile{position:absolute;box-sizing:border-box}a.tile:hover,a.tile.current{outline:3px solid #ffcc00;outline-offset:-3px}
.cost,.hint,.none{color:#555;font-size:.9rem}.warning{color:#8a4b00;font-size:.9rem}`;

// Seeks the player to any clicked [data-time]; before the metadata is loaded, seeks once it is.
const script = `
const player = document.getElementById('player');
function seekTo(seconds) {
  const apply = () => { player.currentTime = seconds; };
  if (player.readyState >= 1) apply(); else player.addEventListener('loadedmetadata', apply, { once: true });
  player.scrollIntoView({ block: 'nearest' });
}
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-time]') : null;
  if (!target) return;
  event.preventDefault();
  for (const other of document.querySelectorAll('.current')) other.classList.remove('current');
  target.classList.add('current');
  seekTo(Number(target.getAttribute('data-time')));
});`;

/**
 * Pure: the whole page as one HTML string.
 * @example await fs.writeFile('answer.html', renderAnswerPage({ result, videoUrl: videoUrlFor('answer.html', result.video), storyboard }));
 */
export function renderAnswerPage(input: AnswerPageInput): string {
  const { result, videoUrl } = input;
  const name = path.basename(result.video);
  const warnings = result.warnings.map((warning) => `<p class="warning">warning: ${escapeHtml(warning)}</p>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`reelm ${result.task}: ${input.query ?? name}`)}</title>
<style>${style}</style>
</head>
<body>
<h1>reelm ${escapeHtml(result.task)} · ${escapeHtml(name)}</h1>
${input.query ? `<p class="query">${escapeHtml(input.query)}</p>` : ''}
<video id="player" controls preload="metadata" src="${escapeHtml(videoUrl)}"></video>
<h2>Answer</h2>
<div class="answer">${linkTimesInText(result.output.trim() || '(the model gave no answer)', videoUrl)}</div>
<h2>Times</h2>
${spanItems(input)}
${storyboardBlock(input)}
<p class="cost">${escapeHtml(renderCostLine(result.model.id, result.usage))}</p>
${warnings}
<script>${script}</script>
</body>
</html>
`;
}
