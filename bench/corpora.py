"""Put the development corpora where the benchmarks look: `corpora/` at the repo root,
which git ignores (their texts are not ours to commit).

    python bench/corpora.py polnear CLONE       # github: networkdynamics/PolNeAR
    python bench/corpora.py recognizers CLONE   # github: microsoft/Recognizers-Text (MIT)

CLONE is a clone of that repository (a work tree or a bare git directory). Only what we
develop on is copied:

- PolNeAR: `data/train` only (840 US election articles and their attribution annotations),
  into corpora/polnear/data/train. Its dev and test splits are held out: this script
  never copies them, and nobody opens them, so they can still measure us honestly.
- Recognizers-Text: `Specs/NumberWithUnit/English/*.json` (currency, dimension,
  temperature, age), into corpora/recognizers/Specs/NumberWithUnit/English.

Then: `bench/attribution.py corpora/polnear/data/train`, `bench/figures.py
corpora/recognizers/Specs/NumberWithUnit/English`, and `bench/engine.py --corpus
corpora/polnear/data/train/text`.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WANTED = {
    "polnear": ("data/train/text", "data/train/attributions"),
    "recognizers": ("Specs/NumberWithUnit/English",),
}


def copy(name: str, clone: Path) -> Path:
    """Copy the wanted folders of a clone into corpora/NAME; returns where they went."""
    target = ROOT / "corpora" / name
    for folder in WANTED[name]:
        if (clone / folder).is_dir():  # a work tree
            shutil.copytree(clone / folder, target / folder, dirs_exist_ok=True)
            continue
        archive = subprocess.run(
            ["git", f"--git-dir={clone}", "archive", "HEAD", folder],
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in WANTED:
        sys.exit(__doc__)
    print(f"copied into {copy(sys.argv[1], Path(sys.argv[2]))}")


if __name__ == "__main__":
    main()
