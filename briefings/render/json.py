"""JSON: the complete briefing (every quote and figure), schema_version 1."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from ..corrections import Correction, Mark
from ..model import Briefing, Evidence

SCHEMA_VERSION = 1


def to_dict(briefing: Briefing) -> dict[str, Any]:
    """The briefing as plain data, following the shipped JSON Schema."""
    a = briefing.announcement

    def point(p: Any) -> dict[str, Any]:
        return {
            "text": p.text,
            "sources": list(p.sources),
            "evidence": _evidence(p.evidence),
            "also": list(p.also),
            "support": _evidence(p.support),
            "corrected": _marks(p.corrected),
        }

    return {
        "schema_version": SCHEMA_VERSION,
        "story": {"slug": briefing.story.slug, "title": briefing.story.title},
        "generated_at": briefing.generated_at,
        "sources": [
            {
                "id": s.id,
                "path": s.path,
                "url": s.url,
                "outlet": s.outlet,
                "title": s.title,
                "author": s.author,
                "published": s.published,
                "kind": s.kind,
                "duplicate_group": s.duplicate_group,
                "words": s.words,
            }
            for s in briefing.sources
        ],
        "announcement": {
            "headline": a.headline.text if a.headline else None,
            "headline_sources": list(a.headline.sources) if a.headline else [],
            "headline_also": list(a.headline.also) if a.headline else [],
            "summary": " ".join(p.text for p in a.summary),
            "summary_points": [point(p) for p in a.summary],
            "points": [point(p) for p in a.points],
        },
        "reactions": [
            {
                "speaker": r.speaker,
                "role": r.role,
                "stance": r.stance,
                "stance_evidence": r.stance_evidence,
                "aliases": list(r.aliases),
                "is_person": r.is_person,
                "corrected": _marks(r.corrected),
                "quotes": [
                    {
                        "text": q.text,
                        "direct": q.direct,
                        "context": q.context,
                        "sources": list(q.sources),
                        "evidence": _evidence(q.evidence),
                        "corrected": _marks(q.corrected),
                        "variants": [
                            {
                                "text": v.text,
                                "context": v.context,
                                "sources": list(v.sources),
                                "evidence": _evidence(v.evidence),
                            }
                            for v in q.variants
                        ],
                    }
                    for q in r.quotes
                ],
            }
            for r in briefing.reactions
        ],
        "figures": [
            {
                "id": f.id,
                "value": f.value,
                "unit": f.unit,
                "display": f.display,
                "label": f.label,
                "period": f.period,
                "qualifier": f.qualifier,
                "sources": [
                    {
                        "source": e.source,
                        "display": e.display or f.display,
                        "sentence": e.sentence,
                        "sentence_id": e.sentence_id,
                    }
                    for e in f.evidence
                ],
                "conflicts": [
                    {
                        "figure": c.figure,
                        "value": c.value,
                        "display": c.display,
                        "sources": list(c.sources),
                        "note": c.note,
                    }
                    for c in f.conflicts
                ],
                "revised_from": f.revised_from
                and {
                    "figure": f.revised_from.figure,
                    "value": f.revised_from.value,
                    "display": f.revised_from.display,
                    "sources": list(f.revised_from.sources),
                    "before": f.revised_from.before,
                    "after": f.revised_from.after,
                },
                "corrected": _marks(f.corrected),
            }
            for f in briefing.figures
        ],
        "open_questions": [
            {
                "question": q.question,
                "reason": q.reason,
                "sources": list(q.sources),
                "evidence": _evidence(q.evidence),
                "corrected": _marks(q.corrected),
            }
            for q in briefing.open_questions
        ],
        "timeline": [
            {
                "day": e.day,
                "precision": e.precision,
                "kind": e.kind,
                "text": e.text,
                "phrase": e.phrase,
                "sources": list(e.sources),
                "evidence": _evidence(e.evidence),
            }
            for e in briefing.timeline
        ],
        "audit": {
            "checked": briefing.audit.checked,
            "citations": briefing.audit.citations,
            "corrected": briefing.audit.corrected,
            "dropped": briefing.audit.dropped,
            "reasons": dict(sorted(briefing.audit.reasons.items())),
        },
        "corrections": {
            "applied": [_correction(c) for c in briefing.corrections.applied],
            "stale": [_correction(c) for c in briefing.corrections.stale],
        },
    }


def _marks(marks: Sequence[Mark]) -> list[dict[str, str]]:
    return [{"by": m.by, "at": m.at, "what": m.what} for m in marks]


def _correction(c: Correction) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "description": c.describe(),
        "value": c.value,
        "by": c.by,
        "at": c.at,
        "targets": [
            {
                "kind": t.kind,
                "text": t.text,
                "source": t.source,
                "sentence": t.sentence,
                "label": t.label,
            }
            for t in c.targets
        ],  # fmt: skip
    }


def _evidence(evidence: Sequence[Evidence]) -> list[dict[str, str]]:
    return [
        {"source": e.source, "sentence_id": e.sentence_id, "sentence": e.sentence} for e in evidence
    ]


def render_json(briefing: Briefing) -> str:
    return json.dumps(to_dict(briefing), ensure_ascii=False, indent=2)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package (briefings/schema/briefing.schema.json)."""
    text = resources.files("briefings").joinpath("schema/briefing.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
