/**
 * Shape names from the geometry of a blob, the way one would describe a silhouette: how much of its
 * bounding box it fills, how convex it is (area over convex-hull area), its aspect ratio, where its
 * widest row lies, and how round it is (the spread of its boundary's distance from the centroid).
 *
 *   square    fills its box (≥ 0.88)
 *   star      deeply concave (solidity < 0.68)
 *   cross     moderately concave (solidity < 0.86)
 *   triangle  half its box, widest at one end
 *   diamond   half its box, widest in the middle
 *   hexagon   ~3/4 of its box, flat sides: boundary distance varies, box wider than tall (or taller)
 *   circle    ~3/4 of its box, boundary distance nearly constant, box square
 */

export interface BlobGeometry {
  area: number;
  box: { x0: number; y0: number; x1: number; y1: number };
  cx: number;
  cy: number;
  /** Leftmost and rightmost x of each row, from box.y0 down. */
  rowMin: number[];
  rowMax: number[];
}

export interface ShapeFeatures {
  fill: number;
  solidity: number;
  aspect: number;
  widestAt: number;
  roundness: number;
}

export const shapeVocabulary = ['circle', 'square', 'triangle', 'star', 'diamond', 'hexagon', 'cross', 'rectangle'] as const;

function hullArea(points: Array<[number, number]>): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Array<[number, number]>): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    return out;
  };
  const lower = half(sorted);
  const upper = half([...sorted].reverse());
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  let area = 0;
  for (let i = 0; i < hull.length; i++) {
    const [ax, ay] = hull[i]!;
    const [bx, by] = hull[(i + 1) % hull.length]!;
    area += ax * by - bx * ay;
  }
  return Math.abs(area) / 2;
}

export function shapeFeatures(g: BlobGeometry): ShapeFeatures {
  const w = g.box.x1 - g.box.x0 + 1;
  const h = g.box.y1 - g.box.y0 + 1;
  const corners: Array<[number, number]> = [];
  let widest = 0;
  let widestRows: number[] = [];
  const radii = new Array<number>(36).fill(0);
  g.rowMin.forEach((left, r) => {
    const right = g.rowMax[r]!;
    if (!Number.isFinite(left)) return;
    const y = g.box.y0 + r;
    corners.push([left, y], [left, y + 1], [right + 1, y], [right + 1, y + 1]);
    const width = right - left + 1;
    if (width > widest + 0.5) {
      widest = width;
      widestRows = [r];
    } else if (Math.abs(width - widest) <= 0.5) widestRows.push(r);
    for (const x of [left, right + 1]) {
      for (const yy of [y, y + 1]) {
        const angle = Math.atan2(yy - g.cy, x - g.cx);
        const bin = Math.min(35, Math.floor(((angle + Math.PI) / (2 * Math.PI)) * 36));
        radii[bin] = Math.max(radii[bin]!, Math.hypot(x - g.cx, yy - g.cy));
      }
    }
  });
  const sortedRadii = radii.filter((r) => r > 0).sort((a, b) => a - b);
  const lowRadius = sortedRadii[Math.floor(sortedRadii.length * 0.1)] ?? 0;
  const highRadius = sortedRadii[Math.floor(sortedRadii.length * 0.9)] ?? 1;
  const widestMid = widestRows.length > 0 ? (widestRows.reduce((s, r) => s + r, 0) / widestRows.length + 0.5) / h : 0.5;
  return {
    fill: g.area / (w * h),
    solidity: g.area / Math.max(1, hullArea(corners)),
    aspect: w / h,
    widestAt: widestMid,
    roundness: lowRadius / highRadius,
  };
}

/**
 * The shape name of a blob.
 * @example classifyShape(geometryOfAFilledDisc) // 'circle'
 */
export function classifyShape(g: BlobGeometry): string {
  const f = shapeFeatures(g);
  if (f.fill >= 0.88) return Math.abs(Math.log(f.aspect)) > 0.25 ? 'rectangle' : 'square';
  if (f.solidity < 0.68) return 'star';
  if (f.fill < 0.62 && f.solidity > 0.8 && Math.abs(f.widestAt - 0.5) > 0.3) return 'triangle';
  if (f.solidity < 0.86) return 'cross';
  if (f.fill < 0.64) return Math.abs(f.widestAt - 0.5) > 0.22 ? 'triangle' : 'diamond';
  // Circle or hexagon: a hexagon fills a little less of its box, is wider than tall (or taller than wide,
  // turned), and its boundary comes closer to the centre at the middle of its sides.
  const hexagonal = (f.fill < 0.77 ? 1 : f.fill < 0.785 ? 0.5 : 0) + (f.aspect > 1.06 || f.aspect < 0.85 ? 1 : 0) + (f.roundness < 0.86 ? 1 : f.roundness < 0.9 ? 0.5 : 0);
  return hexagonal >= 1.5 ? 'hexagon' : 'circle';
}
