# Mag dit? — every target sets up what it needs; `make test` is what CI runs (.ci/run).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: setup checkov run test lint typecheck unit e2e eval bench clean pg pg-stop node package

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# checkov (infrastructure scan, tests/deployment) in its own virtualenv: it pins packaging<24, pytest 9 needs >=24.
CHECKOV_STAMP := $(VENV)/checkov/.installed
$(CHECKOV_STAMP): deployment/checkov-requirements.txt
	test -x $(VENV)/checkov/bin/python || $(PYTHON) -m venv $(VENV)/checkov
	$(VENV)/checkov/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/checkov/bin/python -m pip install --quiet -r deployment/checkov-requirements.txt
	touch $(CHECKOV_STAMP)

checkov: $(CHECKOV_STAMP)

# npm packages from package-lock.json (Teams manifest schemas, ...); again when the lock changes.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

node: $(NODE_STAMP)

# The Teams app zip; needs MicrosoftAppId and BOT_DOMAIN (environment or .env).
package: $(STAMP)
	$(PY) scripts/package_app.py

# Local mode: no authentication, loopback only, SQLite in ./data, the Agents Playground's tenant
# hosting every school in rules/ (the user picks one once; the list is the bot's own: `rules list`).
# Talk to it with `make playground`.
LOCAL_TENANT := 00000000-0000-0000-0000-0000000000001
run: $(STAMP)
	DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOCAL_DEV=true HOST=127.0.0.1 \
	ALLOWED_TENANT_IDS=$(LOCAL_TENANT) TENANT_SCHOOLS="$(LOCAL_TENANT)=$$($(PY) -m bot rules list | paste -sd+)" \
	$(PY) app.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# pytest with a throwaway PostgreSQL cluster (installed from Debian packages if absent), always stopped.
unit: $(STAMP) $(NODE_STAMP) $(CHECKOV_STAMP)
	@pg_env="$$(scripts/postgres.sh start)" || exit 1; eval "$$pg_env"; \
	status=0; $(PY) -m pytest || status=$$?; \
	scripts/postgres.sh stop; exit $$status

# End to end in a Teams-like client: the bot in local mode + Microsoft 365 Agents Playground, driven in
# headless chromium (installed from Debian if absent); offline (loopback only). Screenshots: e2e/shots/.
e2e: $(STAMP) $(NODE_STAMP)
	e2e/run.sh

test: lint typecheck unit e2e

eval: $(STAMP)
	$(PY) ../shared/eval/score.py ../shared/eval/dev.jsonl -v
	for set in eval/holdout*.jsonl; do echo "$$set"; $(PY) ../shared/eval/score.py $$set | tail -1; done

# Figures, not a test: answer engine (load, per answer, RSS), then HTTP turns against an echo-bot floor.
bench: $(STAMP)
	$(PY) -m bench.answers
	$(PY) -m bench.http
	$(PY) -m bench.reports
	$(PY) -m bench.images

# A throwaway PostgreSQL for the storage tests (installs Debian's postgresql if absent); see scripts/postgres.sh.
pg:
	scripts/postgres.sh start >/dev/null

pg-stop:
	scripts/postgres.sh stop

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
