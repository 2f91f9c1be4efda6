#!/usr/bin/env bash
# Set everything up, then run the whole test suite (pytest exits 5 when it collects nothing:
# that is a failure here, never a silent pass).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
set +e
.venv/bin/python -m pytest -n "${VANTHU_TEST_WORKERS:-2}" "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
    echo "vanthu tests: no tests were collected" >&2
    exit 1
fi
exit "$code"
