#!/usr/bin/env bash
# Set up vanthu in ./.venv: torch's CPU build first (a plain `torch` would pull a CUDA build of
# several GB), then vanthu with its semantic, Spark and test extras, then the optional system packages
# (converters, and Java for the Spark job).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
LOG=.venv/setup.log
: > "$LOG"
pip_install() {  # pip's own chatter goes to the log; shown only when it fails
    if ! .venv/bin/python -m pip --disable-pip-version-check -q install "$@" >>"$LOG" 2>&1; then
        tail -n 40 "$LOG" >&2
        echo "vanthu setup: pip install $* failed (full log: $LOG)" >&2
        exit 1
    fi
}
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
    echo "vanthu setup: installing torch (CPU build)…" >&2
    pip_install "torch==2.13.0"
fi
echo "vanthu setup: installing vanthu and its dependencies…" >&2
pip_install -e ".[semantic,spark,web,dev]"
bash scripts/system-deps.sh || echo "vanthu setup: optional converters not installed (.doc/OCR files will be reported as failures)" >&2
