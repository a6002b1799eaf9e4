# The newcomer's two commands: `make build` and `make test`. Both set up .venv from the lock file first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-lock

NODE_STAMP := node_modules/.installed-lock

.PHONY: build test serve clean lint system-deps node-deps lock

# Re-installs only when requirements.lock or pyproject.toml changes; --require-hashes refuses
# anything not pinned there. PyICU compiles against Debian's ICU: the build's own system packages
# come first. The plugins are then installed as this project's packages (editable: plugins/ is
# used in place), so they import one another without sys.path edits; setuptools comes pinned
# from the lock (the `setup` extra), so nothing unpinned is downloaded (--no-build-isolation).
$(STAMP): requirements.lock pyproject.toml
	@PYTHON=$(PYTHON) sh tools/install-system-deps.sh build
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
	@cp requirements.lock $(STAMP)

build: $(STAMP)
	$(PY) -m invoke build

test: $(STAMP) system-deps node-deps
	$(PY) -m pytest

serve: $(STAMP)
	$(PY) -m invoke serve

lint: $(STAMP)
	$(PY) -m ruff check .

# The build's packages plus gettext's msgfmt, Debian's Chromium (browser tests) and the other
# test tools, installed only when missing.
system-deps:
	@PYTHON=$(PYTHON) sh tools/install-system-deps.sh

# Test-only tools from the npm registry, pinned by package-lock.json: axe-core (injected into
# Chromium) and vnu.jar (the Nu HTML Checker). Its download script is skipped: Java is Debian's.
node-deps: system-deps $(NODE_STAMP)

$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@cp package-lock.json $(NODE_STAMP)

# Re-pin after editing pyproject.toml (needs network access to PyPI). requirements-mentions.lock
# is the same set plus the `mentions` extra (natasha, for `invoke mentions` only), started from
# requirements.lock so every shared pin stays the same.
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra setup --generate-hashes \
		--python-version 3.11 --no-header -o requirements.lock
	@test -f requirements-mentions.lock || cp requirements.lock requirements-mentions.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra setup --extra mentions \
		--generate-hashes --python-version 3.11 --no-header -c requirements.lock \
		-o requirements-mentions.lock

clean:
	rm -rf output output.* output-mirror output-mirror.* cache __pycache__ .pytest_cache .ruff_cache
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d \
		-prune -exec rm -rf {} +
