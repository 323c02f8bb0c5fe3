"""The two layering rules: the engine never imports `bot`, and never reads the environment."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "briefings"
CHAT = ("bot", "slack_bolt", "slack_sdk", "microsoft_teams")


def modules():
    for path in ENGINE.rglob("*.py"):
        yield path, ast.parse(path.read_text("utf-8"))


def test_engine_never_imports_chat_platforms_or_bot():
    for path, tree in modules():
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in CHAT, f"{path} imports {name}"


def test_engine_never_reads_the_environment():
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                raise AssertionError(f"{path}:{node.lineno} reads the environment")


def test_public_api_is_declared(tmp_path):
    import briefings

    assert set(briefings.__all__) == {
        n
        for n in dir(briefings)
        if not n.startswith("_") and n[0].isupper() or n in briefings.__all__
    }
    for name in briefings.__all__:
        assert hasattr(briefings, name)


def test_only_the_settings_module_reads_the_environment():
    bot = ENGINE.parent / "bot"
    for path in bot.rglob("*.py"):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                raise AssertionError(f"{path}:{node.lineno} reads the environment")
