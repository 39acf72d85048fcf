# Extracts the fixture test/fixtures/render/income_values.json: mean_income of every 200 m cell
# of out/layers/income_cells.geojson (Filosofi 2015, Paris), sorted by cell id. Run after `make layers`:
#   /usr/bin/python3 test/reference/income_values.py
import json
d = json.load(open("out/layers/income_cells.geojson"))
rows = sorted((f["properties"]["id"], f["properties"]["mean_income"]) for f in d["features"])
json.dump([v for _, v in rows], open("test/fixtures/render/income_values.json", "w"))
print(len(rows))
