# contrechamp — `make` runs the whole Paris study, `make test` runs the tests.
# Each stage has its own target with file dependencies, so a second `make` does nothing.

STUDY ?= data/paris/study.json
OUT   ?= out
CLI   := node bin/contrechamp.js
ARGS  := --study $(STUDY) --out $(OUT)

SRC   := $(shell find pipeline layers bench -name '*.ts' 2>/dev/null) tsconfig.json
DATA  := $(shell find $(dir $(STUDY)) -type f 2>/dev/null)
DEPS  := node_modules/.install-stamp
BUILD := dist/.build-stamp

.PHONY: all build layers geocode join stats render atlas report test clean distclean
.DELETE_ON_ERROR:

all: layers geocode join stats render report

# npm ci when node_modules is missing or older than the lock file.
$(DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(BUILD): $(DEPS) $(SRC)
	npx tsc -p tsconfig.json
	@touch $@

build: $(BUILD)

# --- stages ------------------------------------------------------------------------------
# Each target is the file a stage writes last; the chain follows the data:
# layers → geocode → join → stats → render → report.
$(OUT)/layers/manifest.json: $(BUILD) $(DATA)
	$(CLI) layers $(ARGS)
layers: $(OUT)/layers/manifest.json

# Writes cameras.geojson (the geocoded 2019 list) and out/stats/geocoding.{json,md}, geocoding_unresolved.csv.
$(OUT)/stats/geocoding.json: $(OUT)/layers/manifest.json $(BUILD)
	$(CLI) geocode $(ARGS)
geocode: $(OUT)/stats/geocoding.json

$(OUT)/joined/report.json: $(BUILD) $(OUT)/stats/geocoding.json $(STUDY)
	$(CLI) join $(ARGS)
join: $(OUT)/joined/report.json

$(OUT)/stats/summary.json: $(BUILD) $(OUT)/joined/report.json $(STUDY)
	$(CLI) stats $(ARGS)
stats: $(OUT)/stats/summary.json

$(OUT)/maps/carte1.svg: $(BUILD) $(STUDY) $(OUT)/stats/summary.json
	$(CLI) render $(ARGS)
render: $(OUT)/maps/carte1.svg

# One zoomed page per arrondissement, on demand (26 pages at 300 dpi take ~20 s).
$(OUT)/maps/atlas/75101.svg: $(BUILD) $(STUDY) $(OUT)/stats/summary.json
	$(CLI) render --atlas $(ARGS)
atlas: $(OUT)/maps/atlas/75101.svg

# The report reads whatever earlier stages have written; absent stats or maps become notes.
$(OUT)/report/index.html: $(BUILD) $(STUDY) $(OUT)/stats/summary.json $(OUT)/maps/carte1.svg
	$(CLI) report $(ARGS)
report: $(OUT)/report/index.html

# --- tests -------------------------------------------------------------------------------
test: $(BUILD)
	npx vitest run

clean:
	rm -rf $(OUT) dist

distclean: clean
	rm -rf node_modules
