"""The layering rules: the engine never imports `bot`; only `bot.settings` reads the
environment; `bot`'s modules import each other without a ring, function-local imports
included (a local import is no licence for a cycle)."""

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


def reads_environment(tree: ast.AST) -> int | None:
    """The line of the first read of the environment: `os.environ`, `os.getenv`, or
    either imported by name."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
            return node.lineno
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            if {a.name for a in node.names} & {"environ", "getenv", "environb"}:
                return node.lineno
    return None


def test_engine_never_reads_the_environment():
    for path, tree in modules():
        line = reads_environment(tree)
        assert line is None, f"{path}:{line} reads the environment"


def test_public_api_is_declared():
    """Every public name of `briefings` (functions too, not only classes) is declared, and
    what `bot` takes from the engine is what the engine declares: no reaching into its
    modules for undeclared helpers."""
    import types

    import briefings

    public = {
        n
        for n in dir(briefings)
        if not n.startswith("_")
        and n != "annotations"  # `from __future__ import annotations`
        and not isinstance(getattr(briefings, n), types.ModuleType)
    }
    assert set(briefings.__all__) == public
    declared = set(briefings.__all__)
    for path in (ENGINE.parent / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefings"):
                assert node.module == "briefings", f"{path} imports from {node.module}"
                undeclared = {a.name for a in node.names} - declared
                assert not undeclared, f"{path} imports undeclared {undeclared}"


def test_only_the_settings_module_reads_the_environment():
    bot = ENGINE.parent / "bot"
    for path in bot.rglob("*.py"):
        if path.name == "settings.py":
            continue
        line = reads_environment(ast.parse(path.read_text("utf-8")))
        assert line is None, f"{path}:{line} reads the environment"


def test_the_reader_of_the_environment_is_found_however_it_is_imported():
    assert reads_environment(ast.parse("from os import environ\nx = environ['A']")) == 1
    assert reads_environment(ast.parse("import os\n\nx = os.getenv('A')")) == 3
    assert reads_environment(ast.parse("import os")) is None


def bot_imports() -> dict[str, set[str]]:
    """Each `bot` module and the `bot` modules it imports anywhere in its body (but not
    under `if TYPE_CHECKING:`, which never runs)."""
    root = ENGINE.parent
    paths = {
        ".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (root / "bot").rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text("utf-8"))
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
            for inner in ast.walk(node)
        }
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = (
                    ".".join(base + [node.module or ""]).strip(".")
                    if node.level
                    else (node.module or "")
                )
                targets.update(f"{module}.{a.name}" for a in node.names)
                targets.add(module)
        graph[name] = {t for t in targets if t in paths and t != name}
    return graph


def test_bot_modules_import_each_other_without_a_ring():
    graph = bot_imports()
    assert "bot.delivery" in graph["bot.digest"]  # the graph is read, relative imports too
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import ring: " + " -> ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
