# Lessons: the Voilà app, the browser the tests drive, and quick lesson checks.
# Included by the Makefile (`-include mk/*.mk`); VENV, BIN and ROOT_FLAG come from there.
APP_PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium

.PHONY: app browser-deps lessons browser-test

# Voilà runs the notebook and shows only its outputs: students see the widget, not code.
app: $(VENV)/.dev  ## serve the explorer as a standalone page (Voilà)
	$(BIN)/voila app/explorer.ipynb --port=$(APP_PORT) --Voila.ip=127.0.0.1

# The browser test drives Debian's chromium through playwright (no playwright browser download).
browser-deps:  ## install Debian chromium for the browser test when missing
	@if [ -x $(CHROMIUM) ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium for the browser test (apt-get)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	else \
	  echo "no $(CHROMIUM) and no apt-get: tests/test_browser.py will be skipped"; \
	fi

lessons: $(VENV)/.dev  ## run the six lessons under papermill, in parallel, with their times
	$(BIN)/python -m pytest -n 2 -m notebook -q -rP tests/test_notebooks.py

browser-test: $(VENV)/.dev browser-deps  ## drive the explorer in JupyterLab and Voilà (headless)
	$(BIN)/python -m pytest -q tests/test_browser.py
