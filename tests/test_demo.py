"""scripts/demo.sh prints each command so that it can be pasted into a shell (issue 13, item 10)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fake_checkout(root: Path) -> Path:
    """The demo in a copy of the repository whose set-up does nothing and whose `vanthu` only
    records the arguments it was given, one JSON line a call."""
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "demo.sh", root / "scripts" / "demo.sh")
    (root / "scripts" / "setup.sh").write_text("exit 0\n")
    bin_ = root / ".venv" / "bin"
    bin_.mkdir(parents=True)
    (bin_ / "python").symlink_to(sys.executable)
    stub = bin_ / "vanthu"
    stub.write_text(f"#!{sys.executable}\nimport json, sys\n"
                    f"open({str(root / 'calls.jsonl')!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n")
    stub.chmod(0o755)
    return root


def test_printed_commands_paste_as_the_commands_the_demo_ran(tmp_path):
    root = _fake_checkout(tmp_path / "checkout")
    out = subprocess.run(["bash", str(root / "scripts" / "demo.sh")], capture_output=True, text=True,
                         check=True).stdout
    printed = [shlex.split(line[2:]) for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
               if line.startswith("$ ")]
    ran = [json.loads(line) for line in (root / "calls.jsonl").read_text().splitlines()]
    demo = str(root / ".demo-archive")
    assert ran and all(call[-2:] == ["--archive", demo] for call in ran)
    # pasted, each printed line runs the same command: "tiem vac xin" one argument, "Tam Dương" one
    assert printed == [["vanthu", *call[:-2]] for call in ran]
    assert ["search", "tiem vac xin", "--level", "commune"] in [call[:-2] for call in ran]
