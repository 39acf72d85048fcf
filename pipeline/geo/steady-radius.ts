// How far a point may move before a pixel mask's answer about it can change: for each pixel, the
// Chebyshev distance (in pixels) to the nearest pixel whose state differs from its own, a pixel an
// edge crosses (state 2, answered exactly) counting as different from everything. The geocoding
// jitter moves a million cameras a few metres, ten times over: a camera whose move stays inside
// its steady square keeps its answer, and only the few others ask the mask (stats/jitter.ts).

/**
 * Steady radii of a pixel grid: `state` (0 outside, 1 inside, 2 exact test), `cols` × `rows`
 * pixels of `pixel` metres from (x0, y0), everything outside the grid answered "outside" (0).
 */
export class SteadyGrid {
  /** Distance in pixels, over the grid widened by `margin` pixels on every side. */
  private readonly d: Int32Array;
  private readonly w: number;
  private readonly h: number;
  private readonly margin: number;

  constructor(state: Uint8Array, private readonly cols: number, private readonly rows: number, private readonly pixel: number, private readonly x0: number, private readonly y0: number, margin = 16) {
    this.margin = margin;
    const w = (this.w = cols + 2 * margin), h = (this.h = rows + 2 * margin);
    const st = new Uint8Array(w * h); // the widened grid: 0 around the mask, as contains() answers there
    for (let r = 0; r < rows; r++) st.set(state.subarray(r * cols, (r + 1) * cols), (r + margin) * w + margin);
    // Two chamfer passes with unit steps to all 8 neighbours: the exact Chebyshev distance to the
    // nearest pixel that differs (the widened grid's outside differs from an inside pixel only).
    const big = w + h;
    const d = (this.d = new Int32Array(w * h));
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) {
        const k = r * w + c, s = st[k];
        if (s === 2) { d[k] = 0; continue; }
        // A pixel next to a different one is at distance 1; next to the widened grid's border (beyond
        // which the state is 0 again), an inside pixel is too.
        let v = big;
        for (let dr = -1; dr <= 1 && v > 1; dr++)
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr, cc = c + dc;
            const o = rr < 0 || cc < 0 || rr >= h || cc >= w ? 0 : st[rr * w + cc];
            if (s !== o) { v = 1; break; } // (s is never 2 here: an edge pixel differs from all)
          }
        d[k] = v;
      }
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) {
        const k = r * w + c;
        let v = d[k];
        if (c > 0) v = Math.min(v, d[k - 1] + 1);
        if (r > 0) {
          v = Math.min(v, d[k - w] + 1);
          if (c > 0) v = Math.min(v, d[k - w - 1] + 1);
          if (c + 1 < w) v = Math.min(v, d[k - w + 1] + 1);
        }
        d[k] = v;
      }
    for (let r = h - 1; r >= 0; r--)
      for (let c = w - 1; c >= 0; c--) {
        const k = r * w + c;
        let v = d[k];
        if (c + 1 < w) v = Math.min(v, d[k + 1] + 1);
        if (r + 1 < h) {
          v = Math.min(v, d[k + w] + 1);
          if (c + 1 < w) v = Math.min(v, d[k + w + 1] + 1);
          if (c > 0) v = Math.min(v, d[k + w - 1] + 1);
        }
        d[k] = v;
      }
  }

  /**
   * A radius r (metres, ≥ 0) such that the mask answers the same for every point (x + dx, y + dy)
   * with |dx| < r and |dy| < r as for (x, y). Conservative by a micrometre for rounding.
   */
  radius(x: number, y: number): number {
    const fx = (x - this.x0) / this.pixel, fy = (y - this.y0) / this.pixel;
    const c = Math.floor(fx), r = Math.floor(fy);
    const cc = c + this.margin, rr = r + this.margin;
    if (cc < 0 || rr < 0 || cc >= this.w || rr >= this.h) {
      // Beyond the widened grid: outside, and steady until the point reaches the grid itself.
      const gx = Math.max(-fx, fx - this.cols, 0), gy = Math.max(-fy, fy - this.rows, 0);
      return Math.max(0, Math.max(gx, gy) * this.pixel - 1e-6);
    }
    const d = this.d[rr * this.w + cc];
    if (d === 0) return 0;
    // Within d − 1 pixels of its own in every direction the state is the same.
    const ox = fx - c, oy = fy - r; // position inside the pixel, in [0, 1)
    const reach = Math.min(ox + d - 1, d - ox, oy + d - 1, d - oy);
    return Math.max(0, reach * this.pixel - 1e-6);
  }
}
