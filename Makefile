# Jingmin: `make run` serves on SQLite with the example config; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint fuzz bench bench-cluster test-faults eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

config.toml:
	cp config.example.toml config.toml

run: $(STAMP) config.toml
	$(BIN)/jingmin db upgrade
	$(BIN)/jingmin serve

lint: $(STAMP)
	$(BIN)/ruff check bot handlers storage tests bench
	$(BIN)/lint-imports

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The doors' fuzzers and schemathesis with many more examples and new inputs each run (some
# minutes). A failure prints how to replay it: hypothesis' @reproduce_failure blob, or the
# schemathesis seed (JINGMIN_SCHEMA_SEED=... make fuzz).
fuzz: $(STAMP)
	seed=$${JINGMIN_SCHEMA_SEED:-$$(date +%s)}; echo "schemathesis seed: $$seed"; \
	JINGMIN_FUZZ_EXAMPLES=3000 JINGMIN_FUZZ_EXPLORE=1 JINGMIN_SCHEMA_EXAMPLES=150 \
	JINGMIN_SCHEMA_SEED=$$seed $(BIN)/python -m pytest \
		tests/test_bot/test_fuzz.py tests/test_bot/test_api/test_openapi.py

# Every benchmark runs; the target fails if any of them missed.
bench: $(STAMP)
	status=0; \
	$(BIN)/python -m bench.classify || status=1; \
	$(BIN)/python -m bench.webhook --foundation --mixed 6000 || status=1; \
	$(BIN)/python -m bench.export || status=1; \
	exit $$status

# The mixed load on 1 and then 2 instances sharing one PostgreSQL: scaling and profile
# (report only: two cores cannot keep the instances, PostgreSQL and the load apart).
bench-cluster: $(STAMP)
	$(BIN)/python -m bench.cluster

# The fault campaign (tests/faults, README "Fault campaign"): two real instances on one
# PostgreSQL under a burst, kill -9, a PostgreSQL restart, Tencent API storms, a full media
# folder and skewed clocks; every invariant printed, any breach fails. Bounded: <= 6 minutes.
test-faults: $(STAMP)
	JINGMIN_FAULTS=1 timeout -s INT -k 30 420 $(BIN)/python -m pytest tests/faults -s -p no:cacheprovider \
		--confcutdir=tests/faults --tb=short

eval: $(STAMP)
	$(BIN)/python -m handlers.tools.evaluate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
