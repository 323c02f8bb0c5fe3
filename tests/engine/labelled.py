"""The labelled case files (tests/cases/*.json) as pytest parameters: one per case, named
by its label, a known failure (`"expect": "fail"`) kept visible as a strict xfail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).resolve().parents[1] / "cases"


def cases(name: str) -> list[Any]:
    out = []
    for case in json.loads((CASES / f"{name}.json").read_text("utf-8")):
        marks = (
            [pytest.mark.xfail(reason=case["comment"], strict=True)]
            if case.get("expect") == "fail"
            else []
        )
        out.append(pytest.param(case, id=case["label"], marks=marks))
    return out
