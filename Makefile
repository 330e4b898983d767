# The two commands a new user needs:  make run  and  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= data/kb
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test setup seed serve bench clean

## make run: set up, ingest seeds/ into data/kb (unchanged articles are skipped), serve the timeline
run: setup seed serve

## make test: set up with the test extras and run the whole suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@

seed: setup
	$(BIN)/kb ingest seeds --store $(STORE)

serve: setup
	$(BIN)/kb serve --store $(STORE) --host $(HOST) --port $(PORT)

## make bench: print the benchmark figures (needs ../shared for the scored ones)
bench: setup
	$(BIN)/python bench/timex.py
	$(BIN)/python bench/muc4.py

clean:
	rm -rf $(VENV) data build *.egg-info
