# The newcomer's two commands: `make build` and `make test`. Both set up .venv from the lock file first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-lock

.PHONY: build test serve clean lint system-deps lock

# Re-installs only when requirements.lock changes; --require-hashes refuses anything not pinned there.
$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@cp requirements.lock $(STAMP)

build: $(STAMP)
	$(PY) -m invoke build

test: $(STAMP) system-deps
	$(PY) -m pytest

serve: $(STAMP)
	$(PY) -m invoke serve

lint: $(STAMP)
	$(PY) -m ruff check .

# gettext's msgfmt and Debian's Chromium (for the browser tests), installed only when missing.
system-deps:
	@sh tools/install-system-deps.sh

# Re-pin after editing pyproject.toml (needs network access to PyPI).
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes \
		--python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf output output.* cache __pycache__ .pytest_cache
