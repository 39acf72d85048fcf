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

.PHONY: all build layers render test clean distclean
.DELETE_ON_ERROR:

all: layers render

# npm ci when node_modules is missing or older than the lock file.
$(DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(BUILD): $(DEPS) $(SRC)
	npx tsc -p tsconfig.json
	@touch $@

build: $(BUILD)

# --- stages ------------------------------------------------------------------------------
$(OUT)/layers/manifest.json: $(BUILD) $(DATA)
	$(CLI) layers $(ARGS)
layers: $(OUT)/layers/manifest.json

# render reads whatever layers and stats exist under out/ (stats are optional: companions that
# need them are skipped with a note until the stats stage has run).
$(OUT)/maps/carte1.svg: $(OUT)/layers/manifest.json $(BUILD) $(wildcard $(OUT)/layers/*.geojson $(OUT)/stats/*.csv $(OUT)/stats/summary.json)
	$(CLI) render --atlas $(ARGS)
render: $(OUT)/maps/carte1.svg

# --- tests -------------------------------------------------------------------------------
test: $(BUILD)
	npx vitest run

clean:
	rm -rf $(OUT) dist

distclean: clean
	rm -rf node_modules
