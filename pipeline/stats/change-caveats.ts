// What the timing tests cannot say, written from their numbers (never hand-typed counts).
import type { TimingTest } from "../contracts.js";
import type { ZoneDecl } from "../core/study.js";

export function timingCaveats(tests: TimingTest[], zones: ZoneDecl[]): { en: string[]; fr: string[] } {
  const en: string[] = [], fr: string[] = [];
  en.push("A commissioning date may be the date a camera was replaced or its site re-commissioned, not when a camera first stood there: cameras older than the date can be counted after it.");
  fr.push("Une date de mise en service peut être celle d'un remplacement ou d'une remise en service du site, pas de la première caméra : des caméras plus anciennes peuvent être comptées après la date.");
  const t = tests[0];
  if (t && t.undated > 0) {
    en.push(`${t.undated} sites without a usable commissioning date are left out of every before/after share; they are counted, and how many stand in each zone is given with each test (undated_in_zone).`);
    fr.push(`${t.undated} sites sans date de mise en service exploitable sont exclus des parts avant/après ; ils sont comptés, et le nombre de ceux qui sont dans chaque zone est donné avec chaque test (undated_in_zone).`);
  }
  for (const z of zones.filter((z) => z.approximated && z.designated.length > 0)) {
    en.push(`The ${z.short} perimeters are approximations: a camera near their edge may be on the wrong side.`);
    fr.push(`Les périmètres des ${z.short} sont des approximations : une caméra près de leur limite peut être du mauvais côté.`);
  }
  // Two dates that fall on the same features: the later one is not the designation of a new area.
  const seen = new Map<string, TimingTest>();
  for (const x of tests) {
    const key = `${x.zone}\u0000${x.features.join(";")}`;
    const first = seen.get(key);
    if (first) {
      en.push(`${x.zone} ${x.date}${x.part ? ` (${x.part})` : ""} is tested on the same perimeter as ${first.date}: the layer does not separate the part designated later.`);
      fr.push(`${x.zone} ${x.date}${x.part ? ` (${x.part})` : ""} est testée sur le même périmètre que ${first.date} : la couche ne distingue pas la partie désignée plus tard.`);
    } else seen.set(key, x);
  }
  en.push("Association in time, not cause: cameras and zones may both follow a third thing (crime statistics, events, budgets).");
  fr.push("Association dans le temps, pas cause : caméras et zones peuvent suivre une même troisième chose (délinquance, événements, budgets).");
  return { en, fr };
}
