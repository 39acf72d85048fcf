// Property tests (fast-check, seeded) on study files as users write them by hand: random and
// mutated studies — keys missing, extra, misspelt or of the wrong type, paths that do not exist,
// layers of the wrong geometry type, empty layers, duplicate district codes, districts that do
// not cover the cameras. The only outcomes allowed: success, or one line naming the file (and
// the key) with exit code 2. Never an internal error.
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadStudy } from "../pipeline/core/study.js";
import { isUserError } from "../pipeline/core/errors.js";
import { runLayers } from "../pipeline/layers.js";
import { removeTempDirs, runCliAsync, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const SEED = 20261130;
const PARIS = JSON.parse(readFileSync("data/paris/study.json", "utf8"));
const MINIMAL_DIR = resolve("test/fixtures/minimal-study");
const MINIMAL = JSON.parse(readFileSync(join(MINIMAL_DIR, "study.json"), "utf8"));

/** Paths made absolute, so a mutated copy can live in a temporary folder. */
function absolutePaths(study: any, dir: string): any {
  const s = structuredClone(study);
  for (const spec of Object.values<any>(s.layers ?? {})) {
    if (typeof spec?.file === "string") spec.file = resolve(dir, spec.file);
    // Options that name files (the ridership gazetteer and aliases) are relative to the study too.
    for (const k of ["stations", "aliases"]) if (typeof spec?.options?.[k] === "string") spec.options[k] = resolve(dir, spec.options[k]);
  }
  return s;
}

type Path = Array<string | number>;
function paths(v: unknown, at: Path = []): Path[] {
  if (v === null || typeof v !== "object") return [at];
  const kids = Array.isArray(v) ? v.map((x, i) => paths(x, [...at, i])) : Object.entries(v).map(([k, x]) => paths(x, [...at, k]));
  return [at, ...kids.flat()];
}
function parentOf(root: any, p: Path): any {
  let o = root;
  for (const k of p.slice(0, -1)) o = o?.[k as never];
  return o;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), value: fc.constant(null), key: fc.constant("") }),
  fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }), key: fc.constant("") }),
  fc.record({ kind: fc.constant("add" as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 1 }), key: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant("misspell" as const), pick: fc.nat(), value: fc.constant(null), key: fc.string({ minLength: 1, maxLength: 1 }) }),
  fc.record({ kind: fc.constant("path" as const), pick: fc.nat(), value: fc.constant(null), key: fc.constant("") }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(study: any, m: Mutation): any {
  const s = structuredClone(study);
  const all = paths(s).filter((p) => p.length > 0);
  const p = all[m.pick % all.length];
  const parent = parentOf(s, p);
  const last = p[p.length - 1];
  if (parent === null || typeof parent !== "object") return s;
  switch (m.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case "replace":
      parent[last] = m.value;
      break;
    case "add": {
      const target = parent[last] !== null && typeof parent[last] === "object" && !Array.isArray(parent[last]) ? parent[last] : parent;
      if (!Array.isArray(target)) target[m.key] = m.value;
      break;
    }
    case "misspell":
      if (!Array.isArray(parent) && typeof last === "string") {
        parent[`${last.slice(0, -1)}${m.key}`] = parent[last];
        if (m.key !== last.slice(-1)) delete parent[last];
      }
      break;
    case "path": {
      const names = Object.keys(s.layers ?? {});
      if (names.length) s.layers[names[m.pick % names.length]].file = "/nonexistent/contrechamp/layer.geojson";
      break;
    }
  }
  return s;
}

/** Lets the test runner's messages through between runs (a long synchronous loop starves them). */
const yieldToRunner = () => new Promise<void>((done) => setImmediate(done));

/** Success, or a user error of one line that names the study file. */
function expectCleanOutcome(f: () => unknown, file: string): "ok" | "refused" {
  try {
    f();
    return "ok";
  } catch (e) {
    if (!isUserError(e)) throw new Error(`not a user error: ${(e as Error)?.stack ?? e}`);
    const msg = (e as Error).message;
    expect(msg.split("\n")).toHaveLength(1);
    expect(msg).toMatch(/^contrechamp: /);
    if (!/^contrechamp: --layer/.test(msg) && !msg.includes("/nonexistent/")) expect(msg).toContain(file);
    return "refused";
  }
}

describe("study files: mutated studies load or are refused in one line", () => {
  const dir = tempDir();
  const file = join(dir, "study.json");
  const base = absolutePaths(PARIS, resolve("data/paris"));

  // Async properties yield between runs, so a long run never starves the test runner.
  it("600 mutations of the Paris study", async () => {
    const outcomes = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        await yieldToRunner();
        const study = ms.reduce(mutate, base);
        writeFileSync(file, JSON.stringify(study, null, 1));
        outcomes[expectCleanOutcome(() => loadStudy(file), file)]++;
      }),
      { seed: SEED, numRuns: 600 },
    );
    // Both outcomes must occur, or the generator tests nothing.
    expect(outcomes.ok).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it("random JSON documents as study files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (doc) => {
        await yieldToRunner();
        writeFileSync(file, JSON.stringify(doc));
        expect(expectCleanOutcome(() => loadStudy(file), file)).toBe("refused");
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("truncated study files", async () => {
    const text = JSON.stringify(base, null, 1);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 2 }), async (n) => {
        await yieldToRunner();
        writeFileSync(file, text.slice(0, n));
        expect(expectCleanOutcome(() => loadStudy(file), file)).toBe("refused");
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("study layers: wrong geometry, empty, duplicate codes, districts that miss the cameras", () => {
  const dir = tempDir();
  mkdirSync(join(dir, "in"));
  const cameras = JSON.parse(readFileSync(join(MINIMAL_DIR, "cameras.geojson"), "utf8"));
  const quartiers = JSON.parse(readFileSync(join(MINIMAL_DIR, "quartiers.geojson"), "utf8"));
  const commune = JSON.parse(readFileSync(join(MINIMAL_DIR, "commune.geojson"), "utf8"));
  const files: Record<string, unknown> = {
    cameras,
    quartiers,
    commune,
    empty: { type: "FeatureCollection", features: [] },
    // A district split in two features under one code and name: merged, with a note.
    quartiers_split: { ...quartiers, features: [...quartiers.features, quartiers.features[0]] },
    // Two districts sharing a code under different names: refused.
    quartiers_dup: { ...quartiers, features: [...quartiers.features, { ...quartiers.features[1], properties: { ...quartiers.features[1].properties, QUARTMNO: quartiers.features[0].properties.QUARTMNO } }] },
    // The cameras moved 30 km away: no district covers them.
    cameras_far: { ...cameras, features: cameras.features.map((f: any) => ({ ...f, geometry: { type: "Point", coordinates: [f.geometry.coordinates[0] + 30000, f.geometry.coordinates[1]] } })) },
  };
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, "in", `${name}.geojson`), JSON.stringify(doc));
  const CAMERAS = ["cameras", "cameras_far", "empty", "quartiers"];
  const CITIES = ["commune", "empty", "cameras"];
  const DISTRICTS = ["quartiers", "quartiers_split", "quartiers_dup", "empty", "cameras"];

  // Every combination (4 × 3 × 5 = 60), not a sample: each is a plausible user mistake.
  it("every combination loads or is refused in one line naming a file", async () => {
    const seen = { ok: 0, refused: 0 };
    for (const cameraFile of CAMERAS) for (const cityFile of CITIES) for (const districtFile of DISTRICTS) {
      const c = { cameras: cameraFile, city: cityFile, quartiers: districtFile };
      const study = structuredClone(MINIMAL);
      for (const [layer, name] of Object.entries(c)) study.layers[layer].file = join(dir, "in", `${name}.geojson`);
      const file = join(dir, "study.json");
      writeFileSync(file, JSON.stringify(study));
      try {
        const manifest = await runLayers(loadStudy(file), join(dir, "out"));
        for (const l of manifest.layers) expect(l.kept + l.dropped.reduce((s, d) => s + d.count, 0) + l.merged, l.layer).toBe(l.read);
        seen.ok++;
      } catch (e) {
        if (!isUserError(e)) throw new Error(`${JSON.stringify(c)}: not a user error: ${(e as Error)?.stack ?? e}`);
        expect((e as Error).message.split("\n")).toHaveLength(1);
        expect((e as Error).message).toMatch(/^contrechamp: \S.*: .+ \(.+\)$/);
        seen.refused++;
      }
    }
    // cameras × commune × (quartiers | quartiers_split) succeed; everything else is refused.
    expect(seen).toEqual({ ok: 2, refused: 58 });
  }, 120_000);

  it("a district split in two features is merged, never counted twice", async () => {
    const study = structuredClone(MINIMAL);
    study.layers.cameras.file = join(dir, "in", "cameras.geojson");
    study.layers.city.file = join(dir, "in", "commune.geojson");
    study.layers.quartiers.file = join(dir, "in", "quartiers_split.geojson");
    const file = join(dir, "split.json");
    writeFileSync(file, JSON.stringify(study));
    const manifest = await runLayers(loadStudy(file), join(dir, "out-split"));
    const q = manifest.layers.find((l) => l.layer === "quartiers")!;
    expect(q.read).toBe(quartiers.features.length + 1);
    expect(q.kept).toBe(quartiers.features.length);
    expect(q.merged).toBe(1);
    expect(q.notes.join(" ")).toMatch(new RegExp(`district ${quartiers.features[0].properties.QUARTMNO} came as 2 features`));
  });
});

describe("the command line never ends in an internal error on a mutated study", () => {
  it("exit 0 or 2 for sampled mutations, through the real CLI", async () => {
    const dir = tempDir();
    const base = absolutePaths(MINIMAL, MINIMAL_DIR);
    const samples = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 2 }), { seed: SEED, numRuns: 8 });
    for (const ms of samples) {
      const file = join(dir, "study.json");
      writeFileSync(file, JSON.stringify(ms.reduce(mutate, base)));
      const r = await runCliAsync(["layers", "--study", file, "--out", join(dir, "out")]);
      expect([0, 2], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  }, 120_000);
});
