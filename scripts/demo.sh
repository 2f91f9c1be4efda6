#!/usr/bin/env bash
# Set everything up, then show vanthu on the bundled samples: import, search, citation trees.
# The demo uses its own archive (.demo-archive/), never $VANTHU_ARCHIVE. Each command is printed
# quoted as a shell needs (Python's shlex), so it can be pasted after `export VANTHU_ARCHIVE=…`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DEMO="$PWD/.demo-archive"
rm -rf "$DEMO"
quoted() { .venv/bin/python -c 'import shlex, sys; print(shlex.join(sys.argv[1:]))' "$@"; }
show() { printf '\n\033[1m$ %s\033[0m\n' "$(quoted vanthu "$@")"; }   # the command as one pastes it
demo() { show "$@"; .venv/bin/vanthu "$@" --archive "$DEMO"; }

printf 'To run these commands yourself: export VANTHU_ARCHIVE=%s PATH=%s:"$PATH"\n' "$(quoted "$DEMO")" \
    "$(quoted "$PWD/.venv/bin")"
demo import samples/seeds samples/chain
demo search "tiem vac xin" --level commune
demo show 27/KH-UBND --no-text || true   # two communes share this number: exit 2, candidates listed
demo tree 31/TB-UBND --up
demo tree 21/NQ-CP --down
demo suggest 845/UBND-YT --issuer "Tam Dương"
demo related 2296/KH-UBND --limit 5
printf '\nThe demo archive is in %s (%s …).\n' "$DEMO" "$(quoted vanthu --archive "$DEMO")"
