# Builds the small stats fixture the render tests use in place of the stats stage's output
# (test/fixtures/render/stats/), computed independently with geopandas 0.12 from out/layers:
#   cameras      points of cameras.geojson within each district (Lambert-93, sjoin "within")
#   area_km2     district area in EPSG:2154
#   cameras_per_km2, camera_share (over cameras inside some district), area_share,
#   lq_area = camera_share / area_share
# Columns the render stage does not draw from (population, income, ...) are left empty: this is
# a fixture for drawing, not a substitute for the stats stage.
# summary.json: Lorenz curve of cameras over IRIS area (IRIS sorted by cameras per km²) and the
# concentration curve of cameras over residents of the 200 m cells ranked by mean_income,
# with Gini = 1 - 2*AUC and CI = 1 - 2*AUC (trapezoids), in the stats stage's JSON shape.
# Run after `make layers`: /usr/bin/python3 test/reference/stats_fixture.py
import json
import geopandas as gpd
import numpy as np

L = "out/layers/"
cams = gpd.read_file(L + "cameras.geojson").to_crs(2154)
COLS = "code,name,cameras,area_km2,population,households,mean_income,poverty_rate,cameras_per_km2,cameras_per_10k_residents,camera_share,area_share,population_share,lq_area,lq_population,zti_area_share,zsp_area_share,cameras_in_zti,cameras_in_zsp".split(",")

def table(layer, out):
    d = gpd.read_file(L + layer + ".geojson").to_crs(2154).sort_values("code").reset_index(drop=True)
    j = gpd.sjoin(cams, d[["code", "geometry"]], predicate="within")
    n = j.groupby("code").size()
    d["cameras"] = d["code"].map(n).fillna(0).astype(int)
    d["area_km2"] = d.geometry.area / 1e6
    d["cameras_per_km2"] = d["cameras"] / d["area_km2"]
    d["camera_share"] = d["cameras"] / d["cameras"].sum()
    d["area_share"] = d["area_km2"] / d["area_km2"].sum()
    d["lq_area"] = d["camera_share"] / d["area_share"]
    with open(out, "w") as f:
        f.write(",".join(COLS) + "\n")
        for _, r in d.iterrows():
            row = []
            for c in COLS:
                if c == "name":
                    row.append('"' + r[c].replace('"', '""') + '"')
                elif c in ("code",):
                    row.append(str(r[c]))
                elif c == "cameras":
                    row.append(str(int(r[c])))
                elif c in d.columns and c not in ("population",):
                    row.append(f"{r[c]:.6f}")
                else:
                    row.append("")
            f.write(",".join(row) + "\n")
    return d

F = "test/fixtures/render/stats/"
table("arrondissements", F + "arrondissements.csv")
table("quartiers", F + "quartiers.csv")

def curve(weight, count, order):
    w = np.asarray(weight, float)[order]
    c = np.asarray(count, float)[order]
    p = np.concatenate([[0], np.cumsum(w) / w.sum()])
    q = np.concatenate([[0], np.cumsum(c) / c.sum()])
    auc = np.sum((p[1:] - p[:-1]) * (q[1:] + q[:-1]) / 2)
    step = max(1, len(p) // 40)
    idx = sorted(set(list(range(0, len(p), step)) + [len(p) - 1]))
    return [{"p": round(float(p[i]), 6), "c": round(float(q[i]), 6)} for i in idx], 1 - 2 * auc

iris = gpd.read_file(L + "iris.geojson").to_crs(2154)
ji = gpd.sjoin(cams, iris[["code", "geometry"]], predicate="within").groupby("code").size()
iris["cameras"] = iris["code"].map(ji).fillna(0)
iris["area"] = iris.geometry.area
dens = iris["cameras"] / iris["area"]
lor, gini = curve(iris["area"], iris["cameras"], np.argsort(dens.values, kind="stable"))

cells = gpd.read_file(L + "income_cells.geojson").to_crs(2154)
jc = gpd.sjoin(cams, cells[["id", "geometry"]].rename(columns={"id": "cell_id"}), predicate="within").groupby("cell_id").size()
cells["cameras"] = cells["id"].map(jc).fillna(0)
conc, ci = curve(cells["Ind"], cells["cameras"], np.argsort(cells["mean_income"].values, kind="stable"))
summary = {
    "fixture": "test/reference/stats_fixture.py (geopandas), not the stats stage",
    "gini": {"area_iris": {"unit": "IRIS (area)", "gini": round(float(gini), 6), "lorenz": lor}},
    "concentration": {"index": round(float(ci), 6), "curve": conc},
}
json.dump(summary, open(F + "summary.json", "w"), indent=1)
print("gini", gini, "ci", ci, "cameras in quartiers", int(iris["cameras"].sum()))
