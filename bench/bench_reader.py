"""Per-field accuracy of the commentary reader on the fixture pages, beside tmgr 0.1.0's.

    python bench/bench_reader.py [--pages tests/data/pages] [--baseline eef31a7] [-v]

The pages (``tests/data/pages``, made by ``make_pages.py``) are invented commentaries
in the site's layouts since 2013, with ``expected.json`` saying what each should read
as. The baseline is the reader of tmgr 0.1.0 (commit ``eef31a7``), taken from git
into a temporary folder and run in a subprocess in the same run.

Fields: title, section, week, status (the status line), paragraphs (number of text
blocks after the headline), clean (no boilerplate or caption text left in any
block), and all (every field right).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "section", "week", "status", "paragraphs", "clean")
BASELINE = "eef31a7"  # tmgr 0.1.0


def read_pages(pages: Path) -> dict[str, dict[str, object]]:
    """Each page's reading with the ``tmgr`` importable now (this tree or the baseline)."""
    from tmgr.errors import TmgrError
    from tmgr.ingest import parse_commentary  # the baseline's path; tmgr/_moved.py maps it

    out: dict[str, dict[str, object]] = {}
    for path in sorted(pages.iterdir()):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        try:
            parsed = parse_commentary(path.read_bytes(), path.name)
        except TmgrError as exc:
            out[path.name] = {"error": str(exc)}
            continue
        out[path.name] = {
            "title": parsed.title or None, "section": parsed.section,
            "week": parsed.week.text if parsed.week else None,
            "status": parsed.status_line,
            "blocks": [[b.kind, b.text] for b in parsed.blocks if b.kind != "title"],
        }
    return out


def score(readings: dict[str, dict[str, object]],
          expected: dict[str, dict[str, object]]) -> dict[str, dict[str, bool]]:
    """Per page, per field: right or wrong."""
    table: dict[str, dict[str, bool]] = {}
    for name, want in expected.items():
        got = readings.get(name, {"error": "missing"})
        if "error" in got:
            table[name] = dict.fromkeys((*FIELDS, "all"), False)
            continue
        blocks = got["blocks"]
        assert isinstance(blocks, list)
        text = "\n".join(block[1] for block in blocks).casefold()
        row = {field: got[field] == want[field] for field in ("title", "section", "week", "status")}
        row["paragraphs"] = len(blocks) == want["paragraphs"]
        noise = want["noise"]
        assert isinstance(noise, list)
        row["clean"] = not any(str(n).casefold() in text for n in noise)
        row["all"] = all(row.values())
        table[name] = row
    return table


def baseline_readings(revision: str, pages: Path) -> dict[str, dict[str, object]]:
    """Run this script's reader part with tmgr at ``revision`` (from git) in a subprocess."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "tmgr"],
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        result = subprocess.run(
            [sys.executable, __file__, "--emit", "--pages", str(pages)],
            check=True, capture_output=True, text=True, cwd=folder,
            env={"PYTHONPATH": folder, "PATH": "/usr/bin:/bin"})
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=ROOT / "tests" / "data" / "pages")
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the baseline")
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong pages")
    args = parser.parse_args()
    if args.emit:
        json.dump(read_pages(args.pages), sys.stdout, ensure_ascii=False)
        return
    sys.path.insert(0, str(ROOT))
    expected = json.loads((args.pages / "expected.json").read_text(encoding="utf-8"))
    ours = score(read_pages(args.pages), expected)
    theirs = score(baseline_readings(args.baseline, args.pages), expected)
    total = len(expected)
    print(f"reader accuracy on {total} pages ({args.pages.relative_to(ROOT)})")
    print(f"{'field':<12}{'tmgr (this)':>14}{'0.1.0 (' + args.baseline + ')':>18}")
    for field in (*FIELDS, "all"):
        mine = sum(row[field] for row in ours.values())
        base = sum(row[field] for row in theirs.values())
        print(f"{field:<12}{mine:>9}/{total:<4}{base:>13}/{total:<4}")
    if args.verbose:
        for name in sorted(expected):
            wrong = [f for f in FIELDS if not ours[name][f]]
            base_wrong = [f for f in FIELDS if not theirs[name][f]]
            print(f"  {name:<32} this: {', '.join(wrong) or 'ok':<28} 0.1.0: "
                  f"{', '.join(base_wrong) or 'ok'}")


if __name__ == "__main__":
    main()
