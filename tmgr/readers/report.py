"""The ingest report: how every line of a source was read (``tmgr ingest --explain``)."""

from __future__ import annotations

from typing import Any

from tmgr.readers.model import ParsedCommentary
from tmgr.segment import split_sentences

_TEXT_WIDTH = 70


def report_dict(parsed: ParsedCommentary) -> dict[str, Any]:
    """The reading as data: metadata, every line's role, blocks with segments, warnings."""
    return {
        "metadata": {
            "title": parsed.title or None, "section": parsed.section,
            "week": parsed.week.text if parsed.week else None,
            "status_line": parsed.status_line, "author": parsed.author,
            "dated": parsed.dated,
        },
        "lines": [{"line": r.number, "role": r.role, "detail": r.detail, "text": r.text}
                  for r in parsed.readings],
        "blocks": [{"kind": block.kind, "text": block.text,
                    "segments": split_sentences(block.text)} for block in parsed.blocks],
        "captions": list(parsed.captions),
        "warnings": list(parsed.warnings),
    }


def _clip(text: str, width: int = _TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def report_lines(parsed: ParsedCommentary) -> list[str]:
    """The reading as text, one line per source line, then blocks and warnings."""
    data = report_dict(parsed)
    out = ["lines:"]
    for item in data["lines"]:
        role = item["role"] if item["role"] != "body" else "body text"
        detail = f" ({item['detail']})" if item["detail"] else ""
        out.append(f"  {item['line']:>4}  {role + detail}: {_clip(item['text'])}")
    out.append("blocks:")
    for block in data["blocks"]:
        segments = block["segments"]
        noun = "segment" if len(segments) == 1 else "segments"
        out.append(f"  [{block['kind']}] {len(segments)} {noun}")
        out += [f"      {number}. {_clip(sentence, 66)}"
                for number, sentence in enumerate(segments, start=1)]
    if data["captions"]:
        out.append("captions (kept, not translated):")
        out += [f"  {_clip(caption)}" for caption in data["captions"]]
    out.append("warnings:" if data["warnings"] else "warnings: none")
    out += [f"  - {warning}" for warning in data["warnings"]]
    return out
