"""The command speaks Bahasa Indonesia, documents every option with its default, and starts
without importing pandas or recompiling bytecode on every call."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sakip_analysis.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_option_has_help_that_shows_its_default():
    parser = build_parser()
    for name, sub in {"sakip": parser, **_subparsers(parser)}.items():
        text = sub.format_help()
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"{name} {action.dest}: no help"
            if action.option_strings:  # a positional argument has no default to show
                flag = action.option_strings[-1]
                shown = text[text.index(flag):]
                assert "bawaan" in " ".join(shown.split()[:80]), f"{name} {flag}: no default"


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["check", "--help"],
                                  ["extract", "--help"], ["ingest", "--help"],
                                  ["demo", "--help"]])
def test_help_is_in_indonesian(argv, capsys):
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: sakip")
    for english in ("usage:", "show this help", "positional arguments", "options:",
                    "(default:", "override", "report file"):
        assert english not in out


def test_argparse_errors_are_in_indonesian(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "sakip check: galat: argumen berikut wajib diisi: BERKAS" in err
    with pytest.raises(SystemExit):
        main(["run", "--executor", "slurm"])
    assert "pilihan tidak sah: 'slurm'" in capsys.readouterr().err


def test_uv_does_not_recompile_the_environment_on_every_run():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert not config.get("tool", {}).get("uv", {}).get("compile-bytecode", False)


def test_bytecode_is_cached_once_when_the_machine_forbids_writing_it(tmp_path):
    """With PYTHONDONTWRITEBYTECODE (as on these machines) every process would compile pandas
    from source; `sakip` compiles it once into a cache and its children inherit the cache."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.pop("SAKIP_BYTECODE_CACHE", None)
    code = ("import os, sys\n"
            "from sakip_analysis.cli import bytecode_cache\n"
            "print(bytecode_cache())\n"
            "import pandas\n"
            "print(os.environ['PYTHONPYCACHEPREFIX'], 'PYTHONDONTWRITEBYTECODE' in os.environ)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    cache = tmp_path / "sakip-analysis" / "pycache"
    assert out == [str(cache), str(cache), "False"]
    assert list(cache.rglob("pandas/core/frame.cpython-*.pyc"))


def test_the_command_starts_without_pandas():
    code = "import sys, sakip_analysis.cli\nprint(sorted({'pandas', 'numpy'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
