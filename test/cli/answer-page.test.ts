import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { escapeHtml, linkTimesInText, renderAnswerPage, videoUrlFor } from '../../src/cli/answer-page.js';
import { evidenceTimes, renderEvidenceStoryboard } from '../../src/cli/evidence-storyboard.js';
import { catalogMedia } from '../support/media-catalog.js';
import { askResult, highlightsResult } from './task-result-fixtures.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-answer-page-'));
let browser: Browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.REELM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 60_000,
  });
});
after(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('times in the answer text become seek links; everything else is escaped', () => {
  assert.equal(
    linkTimesInText('From 00:01:23.4 to 1:30 <b>&</b> 99:99', 'v.mp4'),
    'From <a class="time" href="v.mp4#t=83.4" data-time="83.4">00:01:23.4</a> to <a class="time" href="v.mp4#t=90" data-time="90">1:30</a> &lt;b&gt;&amp;&lt;/b&gt; 99:99',
  );
  assert.equal(escapeHtml(`"it's" <x>`), '&quot;it&#39;s&quot; &lt;x&gt;');
});

test('the video URL is relative to the page and percent-encoded', () => {
  assert.equal(videoUrlFor('/out/answer.html', '/videos/my clip #1.mp4'), '../videos/my%20clip%20%231.mp4');
  assert.equal(videoUrlFor('/out/answer.html', '/out/clip.mp4'), 'clip.mp4');
});

test('the page escapes model text and labels, and inlines the storyboard', () => {
  const html = renderAnswerPage({ result: highlightsResult('/v/h.mp4'), videoUrl: 'h.mp4', query: 'a <blue> square' });
  assert.match(html, /blue square &lt;b&gt;centre&lt;\/b&gt;/);
  assert.match(html, /<p class="query">a &lt;blue&gt; square<\/p>/);
  assert.doesNotMatch(html, /<b>centre/);
  assert.doesNotMatch(html, /<img/); // no storyboard given, none shown
});

test('in headless Chromium, clicking a cited time, a time in the answer or a storyboard tile seeks the player there', { timeout: 60_000 }, async () => {
  // The catalog clip (8 s, 25 fps H.264) copied under a name that needs encoding in a URL.
  const video = path.join(work, 'media', 'my clip.mp4');
  fs.mkdirSync(path.dirname(video), { recursive: true });
  fs.copyFileSync(await catalogMedia('constant-fps'), video);
  const result = askResult(video);
  const sheet = await renderEvidenceStoryboard(result, { maxWidth: 960, maxHeight: 720, cache: null });
  assert.ok(sheet);
  assert.deepEqual(sheet.tiles.map((tile) => tile.time), evidenceTimes(result).map((time) => Number((Math.floor(time * 25) / 25).toFixed(2))));
  const pagePath = path.join(work, 'pages', 'answer.html');
  fs.mkdirSync(path.dirname(pagePath), { recursive: true });
  fs.writeFileSync(pagePath, renderAnswerPage({ result, videoUrl: videoUrlFor(pagePath, video), query: 'What moves?', storyboard: sheet }));

  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  try {
    await page.goto(pathToFileURL(pagePath).href);
    // tsx adds helpers to compiled functions, so in-page code is passed as text.
    const duration = await page.evaluate(`new Promise((resolve, reject) => {
      const player = document.getElementById('player');
      if (player.readyState >= 1) resolve(player.duration);
      player.addEventListener('loadedmetadata', () => resolve(player.duration));
      player.addEventListener('error', () => reject(new Error('video error ' + (player.error && player.error.code))));
    })`);
    assert.ok(Math.abs(Number(duration) - 8) < 0.1, `duration ${duration}`);

    const clickAndSeek = async (selector: string): Promise<number> => {
      await page.evaluate(`window.seekedTo = new Promise((resolve) => {
        const player = document.getElementById('player');
        player.addEventListener('seeked', () => resolve(player.currentTime), { once: true });
      }); undefined`); // (an evaluated promise would be awaited here, before the click)
      await page.click(selector, { timeout: 10_000 });
      return Number(await page.evaluate('window.seekedTo'));
    };
    assert.ok(Math.abs((await clickAndSeek('ol.spans a.time')) - 2) < 0.05);
    assert.ok(Math.abs((await clickAndSeek('.answer a.time >> nth=1')) - 5.5) < 0.05);
    assert.ok(Math.abs((await clickAndSeek('a.tile >> nth=4')) - sheet.tiles[4]!.time) < 0.05);
    assert.equal(await page.evaluate(`document.querySelector('a.tile.current').getAttribute('data-time')`), String(Number(sheet.tiles[4]!.time.toFixed(3))));

    // Self-contained: the page fetches nothing but itself and the video.
    const outside = requested.filter((url) => !url.startsWith('data:') && url !== pathToFileURL(pagePath).href && url !== pathToFileURL(video).href);
    assert.deepEqual(outside, []);
  } finally {
    await page.close();
  }
});
