# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean train

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) examples/demo.py

test: $(STAMP)
	$(PY) -m pytest -q tests

bench: $(STAMP)
	$(PY) benchmarks/run.py

# Rebuild the shipped English NER model from privsynth's own synthetic corpus (+ WNUT-17 train when present).
# Second command: the Japanese NER head (ja_ginza's ner fine-tuned, tok2vec frozen) from the Japanese corpus.
# Deterministic: fixed seed, one BLAS/OpenMP thread, fixed hash seed (the driver also enforces these itself).
train: $(STAMP)
	PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 \
		$(PY) -m privsynth.training.train --out src/privsynth/_data/models/en_privsynth_ner \
		--wnut ../shared/train/wnut17_train.jsonl
	PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 \
		$(PY) -m privsynth.training.ja.train --out src/privsynth/_data/models/ja_privsynth_ner

clean:
	rm -rf $(VENV) demo-out .pytest_cache
