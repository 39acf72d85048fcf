"""Bench case 2 baseline: geopandas sjoin of points into polygons, as a geopandas user would
write it. Usage: python3 geopandas_sjoin.py polygons.geojson points.csv counts.csv
Reads both files, joins (predicate "within", GEOS STRtree inside sjoin), keeps the lowest
polygon pid per point (same rule as contrechamp for overlaps), writes pid,count."""
import sys
import time

t0 = time.perf_counter()
import geopandas as gpd
import pandas as pd

polygons_file, points_file, out = sys.argv[1:4]
polys = gpd.read_file(polygons_file)
t1 = time.perf_counter()
df = pd.read_csv(points_file)
pts = gpd.GeoDataFrame(df[["id"]], geometry=gpd.points_from_xy(df.x, df.y), crs=polys.crs)
t2 = time.perf_counter()
joined = gpd.sjoin(pts, polys[["pid", "geometry"]], how="inner", predicate="within")
first = joined.groupby(level=0)["pid"].min()
counts = first.value_counts().sort_index()
t3 = time.perf_counter()
counts.rename_axis("pid").rename("count").to_csv(out)
print(f'{{"imports_and_read_polygons_s": {t1 - t0:.3f}, "read_points_s": {t2 - t1:.3f}, "join_s": {t3 - t2:.3f}, "matched": {int(counts.sum())}}}')
