// Seeded pseudo-random numbers: the same seed gives the same draws on every platform, so the
// permutation tests (and their output bytes) are reproducible, and the bench inputs are the same
// files on every machine. xoshiro128** seeded by splitmix32.
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /**
   * Fills `into` with the next `into.length` uniforms: the same numbers, in the same order, as
   * that many calls of next(), at a fraction of the cost (the generator's state stays in local
   * variables) — for the loops that draw a million of them (a date permutation shuffles every
   * dated camera 999 times per date).
   */
  uniforms(into: Float64Array): void;
}

export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const u32 = () => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return r;
  };
  let spare: number | null = null;
  const next = () => u32() / 4294967296;
  return {
    next,
    uniforms(into: Float64Array) {
      // u32() written out over locals; the state is written back at the end.
      let A = a, B = b, C = c, D = d;
      for (let k = 0; k < into.length; k++) {
        const r = Math.imul(rotl(Math.imul(B, 5) >>> 0, 7), 9) >>> 0;
        const t = (B << 9) >>> 0;
        C ^= A; D ^= B; B ^= C; A ^= D; C ^= t; D = rotl(D, 11);
        into[k] = r / 4294967296;
      }
      a = A; b = B; c = C; d = D;
    },
    normal,
  };
  function normal(): number {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = next();
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * next();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
