# Two set-up commands (README): `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo
EMPLOYEES ?= 2000
# Test processes (pytest-xdist; tests/conftest.py groups a file's tests, and all browser tests).
TEST_WORKERS ?= 2

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 ($(PYTHON)) tidak ditemukan."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO)/ekspor $(DEMO)/ekspor.kunci.csv
	$(BIN)/kinerja sample --out $(DEMO)/ekspor --employees $(EMPLOYEES) --seed 7
	$(BIN)/kinerja run --exports $(DEMO)/ekspor --out $(DEMO)/hasil
	@echo "Dasbor: $(abspath $(DEMO))/hasil/site/index.html"

test: $(STAMP)
	$(BIN)/ruff check pipelines transforms reports expectations tests bench
	sh tests/browser/ensure_chromium.sh
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

# Skala per tahap, lantai baca DuckDB, titik panas: $(BIN)/python -m bench.scale --employees 8000 60000
# --profil 60000 (menulis docs/benchmarks.md; lama, jalankan sendiri).
bench: $(STAMP)
	$(BIN)/python -m bench.run --employees 5000 60000

clean:
	rm -rf $(VENV) $(DEMO)
