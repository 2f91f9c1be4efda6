#!/usr/bin/env bash
# Set everything up, then show vanthu on the bundled samples: import, search, citation trees.
# The demo uses its own archive (.demo-archive/), never $VANTHU_ARCHIVE.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DEMO="$PWD/.demo-archive"
rm -rf "$DEMO"
vanthu() { .venv/bin/vanthu "$@" --archive "$DEMO"; }
step() { printf '\n\033[1m$ vanthu %s\033[0m\n' "$*"; }

step import samples/seeds samples/chain
vanthu import samples/seeds samples/chain
step search "tiem vac xin" --level commune
vanthu search "tiem vac xin" --level commune
step show 27/KH-UBND
vanthu show 27/KH-UBND --no-text || true   # two communes share this number: exit 2, candidates listed
step tree 31/TB-UBND --up
vanthu tree 31/TB-UBND --up
step tree 21/NQ-CP --down
vanthu tree 21/NQ-CP --down
step suggest 845/UBND-YT --issuer "Tam Dương"
vanthu suggest 845/UBND-YT --issuer "Tam Dương"
step related 2296/KH-UBND --limit 5
vanthu related 2296/KH-UBND --limit 5
printf '\nThe demo archive is in %s (vanthu --archive %s …).\n' "$DEMO" "$DEMO"
