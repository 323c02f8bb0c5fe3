"""Files that ship with the code: the templates and the sample articles.

In the repository they live at the top level (templates/, seeds/), where a newcomer looks
for them; a built wheel carries them inside the package (briefings/shipped/, see
pyproject.toml), so an installed Briefbot finds them wherever it runs from.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[1]


def shipped(name: str) -> Path:
    """The folder `name` ('templates' or 'seeds'): inside the installed package when it was
    installed from a wheel, else in the source checkout this module runs from."""
    packaged = Path(str(resources.files("briefings"))) / "shipped" / name
    return packaged if packaged.is_dir() else _CHECKOUT / name
