import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { STUDY_SCHEMA } from "../pipeline/core/study-schema.js";
import { STUDY_AJV_OPTIONS, studyValidatorSource } from "../pipeline/core/study-validator-source.js";
import { validate as standalone } from "../pipeline/core/study-validator.js";

// study-validator.ts is ajv's own compiled code for STUDY_SCHEMA, committed so that start-up
// skips ajv. It must be exactly what ajv makes of the current schema, and judge like ajv does.
describe("the precompiled study validator", () => {
  it("is the code ajv generates from study-schema.ts (else run `npm run gen:validator`)", () => {
    expect(readFileSync("pipeline/core/study-validator.ts", "utf8")).toBe(studyValidatorSource());
  });

  it("gives the errors of a freshly compiled ajv on valid and broken studies", () => {
    const compiled = new Ajv2020(STUDY_AJV_OPTIONS).compile(STUDY_SCHEMA);
    const paris = JSON.parse(readFileSync("data/paris/study.json", "utf8"));
    const broken: Array<(s: any) => void> = [
      () => {},
      (s) => (s.title = ""), // minLength, through ajv's runtime ucs2length
      (s) => (s.seeed = 1), // unknown key
      (s) => (s.lang = "de"), // enum
      (s) => (s.name = "a b"), // pattern
      (s) => (s.envelope = [1, 2, 3]), // minItems
      (s) => (s.levels[0].key = 3), // type inside a oneOf
      (s) => delete s.layers,
      (s) => (s.layers.iris.fields.colour = "x"), // propertyNames
      (s) => (s.zones.zti.designated[0].date = "25/09/2015"),
      (s) => (s.settings.permutations = -1),
    ];
    let refused = 0;
    for (const mutate of broken) {
      const s = structuredClone(paris);
      mutate(s);
      const want = compiled(s);
      if (!want) refused++;
      expect(standalone(s)).toBe(want);
      expect(JSON.stringify((standalone as any).errors)).toBe(JSON.stringify(compiled.errors));
    }
    // The unchanged study passes; the broken ones fail, so the errors compared are not all empty.
    expect(compiled(paris)).toBe(true);
    expect(refused).toBeGreaterThanOrEqual(broken.length - 2);
  });
});
