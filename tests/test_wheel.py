"""The built wheel runs: installed (not editable) in a new virtualenv, from an empty folder.

Built without isolation and installed without its dependencies, which are taken from the
test environment's site-packages (a path, so its editable-install hook is not run): no
network, and nothing can be imported from the source tree by accident.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with the wheel installed; its bin folder."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("briefbot-*.whl")
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=False)
    site = next(env.glob("lib/python*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    bin_dir = env / "bin"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
         "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return bin_dir


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "PYTHON"))}
    return subprocess.run(
        [str(bin_dir / "briefbot"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_installed_package_is_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import briefings, bot; print(briefings.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(ROOT) not in where and "site-packages" in where


def test_brief_and_ask_run_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    briefed = run(installed, tmp_path, "brief", "--format", "json")
    assert briefed.returncode == 0, briefed.stderr
    assert len(json.loads(briefed.stdout)["sources"]) == 5  # the shipped sample articles
    text = run(installed, tmp_path, "brief")
    assert "KEY FIGURES" in text.stdout, text.stderr
    asked = run(installed, tmp_path, "ask", "/hubs status")
    assert asked.returncode == 0, asked.stderr
    assert "figure" in asked.stdout.lower()
    site = next(installed.parent.glob("lib/python*/site-packages"))
    assert not list(site.rglob(".briefbot"))  # its data goes where it runs, not into the install
