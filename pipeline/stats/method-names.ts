// The claims' test names (pipeline/stats/claims.ts and the change analysis's timing tests, in
// English) in French, for the French verdict and the report: one table for every page that
// translates them.
/** The tests' names in French (claims.ts names them in English). */
export function methodFr(m: string): string {
  return m
    .replace(/^spatial block bootstrap \((\d+) km tiles\)/, "bootstrap spatial par blocs (carrés de $1 km)")
    .replace(/^Conley spatial-HAC \(Bartlett, (\d+) m\)/, "HAC spatial de Conley (Bartlett, $1 m)")
    .replace(/^Conley spatial-HAC, model without the city-limit term/, "HAC spatial de Conley, modèle sans la distance à la limite de la ville")
    .replace(/^rotation and shift of the whole camera pattern \(share within 300 m\)/, "rotation et translation de tout le semis de caméras (part à moins de 300 m)")
    .replace(/^rotation and shift of the whole camera pattern/, "rotation et translation de tout le semis de caméras")
    .replace(/^(\S+) polygons moved and turned at random/, "polygones $1 déplacés et tournés au hasard")
    .replace(/^placebo-zone refits of the model/, "modèle réestimé avec des zones placebo")
    .replace(/^joint Wald of the distance terms \(([^)]*)\), HAC covariance/, "Wald joint des distances ($1), covariance HAC")
    .replace(/^block bootstrap \((\d+) km tiles\) of the index minus its area-per-resident benchmark/, "bootstrap par blocs ($1 km) de l'indice moins sa référence surface par habitant")
    .replace(/^block bootstrap \((\d+) km tiles\) of the index minus its crossings-per-resident benchmark/, "bootstrap par blocs ($1 km) de l'indice moins sa référence croisements par habitant")
    .replace(/zone moved and turned at random in the city \(cameras and dates fixed\)/, "zone déplacée et tournée au hasard dans la ville (caméras et dates fixes)")
    .replace(/commissioning dates permuted among the dated sites \(positions fixed\)/, "dates de mise en service permutées entre les sites datés (positions fixes)")
    .replace(/Bonferroni over (\d+) dates/, "Bonferroni sur $1 dates")
    .replace(/observed difference \(no more cameras in the zone after the date than before\)/, "différence observée (pas plus de caméras dans la zone après la date qu'avant)")
    .replace(/^not computed$/, "non calculé");
}
