# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := data/eventwire.db
EXPORTS := data/exports

.PHONY: run test install lint bench clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $@

install: $(BIN)/eventwire

# Ingest the bundled sample corpus, list the events, write every export format.
run: install
	mkdir -p $(EXPORTS)
	$(BIN)/eventwire ingest examples/corpus --db $(DB)
	$(BIN)/eventwire events --db $(DB)
	$(BIN)/eventwire export --db $(DB) --format acled -o $(EXPORTS)/events.csv
	$(BIN)/eventwire export --db $(DB) --format geojson -o $(EXPORTS)/events.geojson
	$(BIN)/eventwire export --db $(DB) --format jsonl -o $(EXPORTS)/events.jsonl
	$(BIN)/eventwire export --db $(DB) --format parquet -o $(EXPORTS)/events.parquet
	@echo "Exports written to $(EXPORTS)/: events.csv (ACLED), events.geojson, events.jsonl, events.parquet"

test: install
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) data build src/*.egg-info
