# make site   build the site into site/ (sets up .venv on first use)
# make test   run every check and test
# make serve  live preview at http://127.0.0.1:8000
# make publish  the site for publication: fails while anything a publication needs is missing
# make site-zensical  build the same docs/ with Zensical into site-zensical/
# make weight  measure each page's first-view weight (writes bench/WEIGHT.md)
# make lighthouse  Lighthouse mobile scores of every page (writes bench/LIGHTHOUSE.md)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-zensical test serve generate check lint clean weight publish

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is needed (python3.11 or python3 on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

generate: $(STAMP)
	$(BIN)/sitegen generate

check: $(STAMP)
	$(BIN)/sitegen check

site: generate
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/sitegen check-site site

publish: $(STAMP)
	$(BIN)/sitegen check --publish --strict
	$(MAKE) site

site-zensical: generate
	$(BIN)/python -m sitegen.commands.zensical_build site-zensical
	$(BIN)/sitegen check-site site-zensical

serve: $(STAMP)
	$(BIN)/sitegen serve

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

weight: site
	$(BIN)/python bench/weight.py

.PHONY: lighthouse
lighthouse: site
	cd bench/lighthouse && npm ci --no-audit --no-fund
	$(BIN)/python bench/lighthouse.py

.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site site-zensical $(VENV) .pytest_cache .mypy_cache .ruff_cache
