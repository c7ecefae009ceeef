/**
 * Small inline SVG charts for the self-contained HTML report: horizontal bars (per-category scores,
 * cost per run) and a scatter (score against visual tokens across runs). Pure functions returning SVG
 * text with every label escaped; no scripts, no external files.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar; defaults to the value with 3 decimals. */
  text?: string;
}

/** Horizontal bars scaled to `max` (default: the largest value). */
export function barChart(title: string, bars: readonly Bar[], options: { max?: number; width?: number } = {}): string {
  const width = options.width ?? 640;
  const rowHeight = 22;
  const labelWidth = 200;
  const plotWidth = width - labelWidth - 90;
  const max = options.max ?? Math.max(1e-12, ...bars.map((bar) => bar.value));
  const height = 30 + rowHeight * bars.length;
  const rows = bars.map((bar, i) => {
    const y = 24 + i * rowHeight;
    const length = Math.max(0, (bar.value / max) * plotWidth);
    return `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end" font-size="12">${escapeXml(bar.label)}</text>`
      + `<rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${rowHeight - 6}" fill="#4a7bd0"/>`
      + `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 14}" font-size="12">${escapeXml(bar.text ?? bar.value.toFixed(3))}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}">`
    + `<text x="4" y="14" font-size="13" font-weight="bold">${escapeXml(title)}</text>${rows.join('')}</svg>`;
}

export interface Point {
  label: string;
  x: number;
  y: number;
  /** Drawn larger and darker: the run this report is about. */
  current?: boolean;
}

/** A scatter with labelled points and axis ranges from the data (y from 0). */
export function scatterChart(title: string, xLabel: string, yLabel: string, points: readonly Point[], options: { width?: number; height?: number } = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const left = 56;
  const bottom = height - 40;
  const right = width - 20;
  const top = 28;
  const xMax = Math.max(1, ...points.map((p) => p.x)) * 1.1;
  const yMax = Math.max(1e-9, ...points.map((p) => p.y)) * 1.1;
  const sx = (x: number): number => left + (x / xMax) * (right - left);
  const sy = (y: number): number => bottom - (y / yMax) * (bottom - top);
  const dots = points.map((p) => `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="${p.current ? 6 : 4}" fill="${p.current ? '#c0392b' : '#4a7bd0'}"><title>${escapeXml(`${p.label}: ${p.y.toFixed(3)} at ${Math.round(p.x)}`)}</title></circle>`
    + `<text x="${(sx(p.x) + 8).toFixed(1)}" y="${(sy(p.y) - 6).toFixed(1)}" font-size="10">${escapeXml(p.label)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}">`
    + `<text x="4" y="14" font-size="13" font-weight="bold">${escapeXml(title)}</text>`
    + `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/><line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`
    + `<text x="${(left + right) / 2}" y="${height - 8}" text-anchor="middle" font-size="11">${escapeXml(xLabel)} (0–${Math.round(xMax)})</text>`
    + `<text x="12" y="${(top + bottom) / 2}" font-size="11" transform="rotate(-90 12 ${(top + bottom) / 2})" text-anchor="middle">${escapeXml(yLabel)} (0–${yMax.toFixed(2)})</text>`
    + `${dots.join('')}</svg>`;
}
