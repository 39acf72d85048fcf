"""Bench case 4 check: exact area-weighted interpolation with shapely for a sample of polygons,
to verify contrechamp's figures independently. Usage:
python3 shapely_interpolate.py polygons.geojson cells.csv pids.txt out.csv
For each sampled polygon: sum over 200 m cells of value * area(cell ∩ polygon) / area(cell)."""
import re
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

polygons_file, cells_file, pids_file, out = sys.argv[1:5]
pids = [int(l) for l in open(pids_file) if l.strip()]
polys = gpd.read_file(polygons_file).set_index("pid")
cells = pd.read_csv(cells_file)
m = cells.IdINSPIRE.str.extract(r"^CRS3035RES(\d+)mN(\d+)E(\d+)$").astype(np.int64)
size = int(m[0].iloc[0])
ys, xs = m[1].to_numpy(), m[2].to_numpy()
ind, snv = cells.Ind.to_numpy(float), cells.Ind_snv.to_numpy(float)
rows = []
for pid in pids:
    g = polys.geometry.loc[pid]
    x0, y0, x1, y1 = g.bounds
    sel = np.nonzero((xs + size > x0) & (xs < x1) & (ys + size > y0) & (ys < y1))[0]
    a_ind = a_snv = a_area = 0.0
    for k in sel:
        a = g.intersection(box(xs[k], ys[k], xs[k] + size, ys[k] + size)).area
        a_ind += ind[k] * a / size**2
        a_snv += snv[k] * a / size**2
        a_area += a
    rows.append((pid, a_ind, a_snv, a_area))
pd.DataFrame(rows, columns=["pid", "ind", "ind_snv", "covered_m2"]).to_csv(out, index=False)
