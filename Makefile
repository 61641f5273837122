# Services Publics + — the two commands: `make up` (run the platform) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
SERVICES := intake moderation routing responses notifications indicators

.PHONY: help install stack up down status test lint typecheck unit e2e check-deps schemas logs eval-moderation bench chaos

help:
	@echo "make up      install everything, start the stack and the six services, seed demo data"
	@echo "make down    stop the services and the stack"
	@echo "make test    install, start the test stack, run ruff, mypy and pytest"
	@echo "make status  what is running"

# uv itself comes from the Python package index when the machine lacks it.
$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv
	@mkdir -p $(dir $(UV)); [ -x $(UV) ] || ln -sf "$$(python3 -c 'import shutil,sys,os; p=shutil.which("uv") or os.path.join(os.path.dirname(sys.executable),"uv"); print(p)')" $(UV)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock contracts/pyproject.toml runtime/pyproject.toml redaction/pyproject.toml $(wildcard services/*/pyproject.toml)
	$(UV) sync --locked --all-packages
	@touch $@

install: $(VENV)/.synced
	bash deploy/local/stack.sh install
	bash deploy/local/fetch_postal_codes.sh
	bash deploy/local/install_chromium.sh

stack: install
	bash deploy/local/stack.sh start

up: stack
	bash deploy/local/services.sh start
	$(BIN)/python deploy/local/seed_demo.py
	@bash deploy/local/services.sh urls

down:
	-bash deploy/local/services.sh stop
	bash deploy/local/stack.sh stop

status:
	-bash deploy/local/services.sh status
	-bash deploy/local/stack.sh status

logs:
	tail -n 50 .local/logs/*.log

lint: $(VENV)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.synced
	$(BIN)/mypy contracts/src runtime/src redaction/src $(foreach s,$(SERVICES),services/$(s)/src) examples/responder/src

schemas: $(VENV)/.synced
	$(BIN)/python -m spplus.contracts.schema

# Each service alone, with only what it declares: an undeclared import fails here.
check-deps: $(UV)
	@for s in $(SERVICES); do \
	  UV_PROJECT_ENVIRONMENT=.local/venvs/$$s $(UV) sync --quiet --locked --no-dev --package spplus-$$s && \
	  .local/venvs/$$s/bin/python -c "import spplus.$$s.app" && echo "deps ok: $$s" || exit 1; \
	done
	@UV_PROJECT_ENVIRONMENT=.local/venvs/responder $(UV) sync --quiet --locked --no-dev --package spplus-example-responder && \
	  .local/venvs/responder/bin/python -c "import spplus_example_responder.__main__" && echo "deps ok: example responder"

# Fast tests first: no server, no process, under a minute (make test runs everything).
unit: $(VENV)/.synced
	$(BIN)/pytest -m "not e2e and not servers and not slow"

e2e: install
	$(BIN)/pytest -m e2e

test: install lint typecheck check-deps
	$(BIN)/pytest

# The moderation engine measured on the labelled corpus and the shared samples, beside Presidio.
eval-moderation: $(VENV)/.synced
	$(BIN)/python services/moderation/eval/evaluate.py

# Every benchmark (intake beside bare Litestar, the pipeline end to end and its highest sustained
# load, the raw Kafka ceiling, the moderation engine beside Presidio) into BENCHMARKS.md.
bench: install
	$(BIN)/python bench/report.py

# Under a steady load of 5,000 stories, kill -9 each service once, restart Kafka and the database,
# then check that nothing was lost or done twice (report in CHAOS.md).
chaos: install
	cd bench && ../$(BIN)/python chaos.py
