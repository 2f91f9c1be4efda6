"""One set of option names for one meaning, across every command (issue 13, item 12).

The commands are walked through typer's click app, so a command added later is checked too.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
import typer.main

from vanthu.cli.app import app


def _commands(group, prefix: str = "") -> dict:
    """Every command by its full name (``graph export``); typer vendors its own click, so by duck type."""
    out = {}
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            out.update(_commands(command, f"{prefix}{name} "))
        else:
            out[prefix + name] = command
    return out


COMMANDS = _commands(typer.main.get_command(app))


def _options(command) -> dict[str, tuple[str, ...]]:
    """Parameter name → its option strings (``--limit``, ``-n`` …)."""
    return {p.name: tuple(sorted(p.opts + p.secondary_opts)) for p in command.params
            if p.param_type_name == "option" and p.name != "help"}


def test_one_parameter_has_the_same_option_strings_in_every_command():
    spellings: dict[str, dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, command in COMMANDS.items():
        for param, opts in _options(command).items():
            spellings[param][opts].append(name)
    differing = {param: dict(forms) for param, forms in spellings.items() if len(forms) > 1}
    assert not differing  # e.g. `missing --limit` without the `-n` of search, related and suggest


def test_one_option_string_means_one_parameter():
    meanings: dict[str, set[str]] = defaultdict(set)
    for command in COMMANDS.values():
        for param, opts in _options(command).items():
            for opt in opts:
                meanings[opt].add(param)
    assert {opt: names for opt, names in meanings.items() if len(names) > 1} == {}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_prints_json_on_request(name):
    # the README: "commands that print results have --json"; every command prints something
    assert "--json" in _options(COMMANDS[name]).get("json_", ())


EXPECTED = [
    ("search", {"limit": ("--limit", "-n")}),  # how many results
    ("related", {"limit": ("--limit", "-n")}),  # how many documents
    ("suggest", {"limit": ("--limit", "-n")}),  # candidates per reference
    ("missing", {"limit": ("--limit", "-n")}),  # how many to list: refused `-n 3` before
    ("tree", {"json_": ("--json",), "fmt": ("--format",)}),  # --json = --format json
]


@pytest.mark.parametrize("name, expected", EXPECTED)
def test_named_options(name, expected):
    options = _options(COMMANDS[name])
    assert {k: tuple(sorted(v)) for k, v in expected.items()} == {k: options.get(k) for k in expected}
