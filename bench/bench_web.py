"""Web UI figures, each against a baseline measured in the same run.

1. Server time of the editor page of a 300-segment document (target < 100 ms),
   against a naive render of the same template that lazy-loads every
   translation and author (and the documents page, for scale).
2. 16 concurrent clients saving different segments of one document through a
   real `tmgr serve` (waitress) on 127.0.0.1 (target p95 < 50 ms, zero errors,
   zero lost updates), against one client saving alone at the same pace; then
   the same 16 with no pause at all (a stress figure); on SQLite and on a
   throwaway PostgreSQL cluster.

    python bench/bench_web.py [--rounds 1] [--think 0.5,2] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from tmgr.documents.ingest import ingest_file, load_document  # noqa: E402
from tmgr.listeners import wire  # noqa: E402
from tmgr.people.users import create_user, get_user  # noqa: E402
from tmgr.review import actions as review  # noqa: E402
from tmgr.review.translations import change_translation, get_translation  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import Revision, Segment, State, Translation  # noqa: E402

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

SAMPLE = ROOT / "sources" / "2024-10-28-lukashenka-negotiations.txt"
CLIENTS = 16
# Each client pauses 0.5-2 s between saves: a translator who saves a sentence every
# second or so, faster than anyone translates (--think changes it). The stress run
# has no pause at all, to show where the server saturates on this 2-core machine.
THINK = (0.5, 2.0)
PASSWORD = "bench-password"


def make_source(folder: Path, segments_wanted: int = 300) -> Path:
    """A commentary with the sample's body repeated until it has ~300 sentences."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("Once a week"))
    header, body = lines[:9], [p for p in lines[9:end] if p.strip()]
    paragraphs: list[str] = []
    part = 0
    while sum(p.count(". ") + 1 for p in paragraphs) < segments_wanted:
        part += 1
        paragraphs += [f"In part {part}, {p[0].lower()}{p[1:]}" for p in body]
    path = folder / "2024-12-02-long-read.txt"
    path.write_text("\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n",
                    encoding="utf-8")
    return path


def populate(database: Database, source: Path) -> str:
    """Ingest the long document, add users, give translations some history."""
    with database.transaction() as session:
        slug = ingest_file(session, source, ("be", "ru")).slug
        create_user(session, "reviewer", role="reviewer", languages=["be"],
                    password=PASSWORD, configured=("be", "ru"))
        for i in range(CLIENTS):
            create_user(session, f"t{i}", role="translator", languages=["be"],
                        password=PASSWORD, configured=("be", "ru"))
    with database.transaction() as session:
        document = load_document(session, slug)
        translator, reviewer = get_user(session, "t0"), get_user(session, "reviewer")
        for n, segment in enumerate(document.segments):
            t = segment.translation("be")
            change_translation(session, t, text=f"Чарнавік {n}.", state=State.DRAFT,
                               origin="mt:google")
            if n % 3:
                review.save(session, translator, segment.id, "be", text=f"Пераклад {n}.",
                            expected_version=None)
            if n % 3 == 2:
                review.approve(session, reviewer, segment.id, "be", expected_version=None,
                               policy=review.ReviewPolicy(),
                               override_reason="benchmark data")
    return slug


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm up caches and templates
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def naive_editor(app, slug: str, user) -> None:  # type: ignore[no-untyped-def]
    """Baseline: the same template, rows built by walking lazy relationships."""
    from flask import render_template
    from flask_login import login_user

    from tmgr.desk.progress import progress
    from tmgr.documents.ingest import get_document
    from tmgr.qa import check_translation
    from tmgr.review.editor import BlockRow, SegmentRow
    from tmgr.web.core import transaction

    with app.test_request_context(f"/doc/{slug}/be"):
        login_user(user)
        with transaction() as session:
            document = get_document(session, slug)
            blocks = []
            for block in document.blocks:
                rows = []
                for segment in block.segments:
                    t = segment.translation("be")
                    rows.append(SegmentRow(segment, t, t.updated_by.name if t.updated_by
                                           else None,
                                           check_translation(segment.source, t.text, "be")))
                blocks.append(BlockRow(block, rows))
            figures = progress(session, [document], ["be"])[0]
            render_template("editor/edit.html", document=document, blocks=blocks, lang="be",
                            progress=figures, state_filter="", query="",
                            languages=("be", "ru"))


def bench_editor(url: str, instance: Path) -> None:
    os.environ.update(TMGR_DATABASE_URL=url, TMGR_INSTANCE=str(instance),
                      TMGR_LANGUAGES="be,ru")
    from tmgr.web import create_app
    from tmgr.web.core import WebUser

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    database = app.extensions["tmgr.database"]
    with database.transaction() as session:
        slug = session.scalars(select(Segment.document_id)).first() and \
            "2024-12-02-long-read"
        segments = session.scalar(select(func.count()).select_from(Segment))
        user = WebUser.of(get_user(session, "reviewer"), "bench")
    client = app.test_client()
    client.post("/login", data={"name": "reviewer", "password": PASSWORD})
    page = timed(lambda: client.get(f"/doc/{slug}/be"), 30)
    docs = timed(lambda: client.get("/"), 30)
    naive = timed(lambda: naive_editor(app, slug, user), 10)
    med = statistics.median
    print(f"  editor page, {segments} segments: median {med(page):.1f} ms, "
          f"max {max(page):.1f} ms (target < 100 ms)")
    print(f"  baseline naive lazy-loading render: median {med(naive):.1f} ms "
          f"-> editor is {med(naive) / med(page):.1f}x faster")
    print(f"  baseline documents page: median {med(docs):.1f} ms "
          f"(editor/documents = {med(page) / med(docs):.1f}x)")
    database.dispose()


class Client(threading.Thread):
    """One translator saving its own segments one after another."""

    def __init__(self, base: str, name: str, segments: list[int], rounds: int,
                 barrier: threading.Barrier, tag: str, think: tuple[float, float]) -> None:
        super().__init__()
        self.tag, self.think = tag, think
        self.random = random.Random(name)
        self.base, self.name, self.segments, self.rounds = base, name, segments, rounds
        self.barrier = barrier
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.last: dict[int, str] = {}
        self.saves: dict[int, int] = {}

    def run(self) -> None:
        http = requests.Session()
        token = http.get(self.base + "api/csrf").json()["csrf_token"]
        response = http.post(self.base + "api/login", json={"name": self.name,
                                                            "password": PASSWORD},
                             headers={"X-CSRFToken": token})
        token = response.json()["csrf_token"]
        versions = {}
        for sid in self.segments:
            versions[sid] = http.get(f"{self.base}api/segments/{sid}/be").json()[
                "translation"]["version"]
        self.barrier.wait()
        for r in range(self.rounds):
            for sid in self.segments:
                if self.think[1]:
                    time.sleep(self.random.uniform(*self.think))
                body = {"text": f"{self.tag} {self.name} round {r} segment {sid}.",
                        "version": versions[sid]}
                start = time.perf_counter()
                response = http.put(f"{self.base}api/segments/{sid}/be", json=body,
                                    headers={"X-CSRFToken": token})
                self.latencies.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    self.errors.append(f"{response.status_code} {response.text[:120]}")
                    continue
                versions[sid] = response.json()["version"]
                self.last[sid] = body["text"]
                self.saves[sid] = self.saves.get(sid, 0) + 1
        http.close()


def run_clients(base: str, ids: list[int], clients: int, rounds: int, tag: str,
                think: tuple[float, float] = (0.0, 0.0)) -> list[Client]:
    barrier = threading.Barrier(clients)
    workers = [Client(base, f"t{i}", ids[i::clients], rounds, barrier, tag, think)
               for i in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return workers


def lost_updates(database: Database, workers: list[Client]) -> int:
    lost = 0
    with database.transaction() as session:
        for worker in workers:
            for sid, expected in worker.last.items():
                t = get_translation(session, sid, "be")
                revisions = session.scalar(select(func.count()).select_from(Revision).where(
                    Revision.translation_id == t.id, Revision.new_text.like(f"{worker.tag} %")))
                if t.text != expected or revisions != worker.saves[sid]:
                    lost += 1
    return lost


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def bench_saves(url: str, instance: Path, rounds: int,
                think: tuple[float, float] = THINK) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMGR_")}
    env.update(TMGR_DATABASE_URL=url, TMGR_INSTANCE=str(instance), TMGR_LANGUAGES="be,ru")
    database = Database(url)
    with database.transaction() as session:
        ids = list(session.scalars(select(Translation.segment_id).where(
            Translation.lang == "be").order_by(Translation.segment_id)))
    with socket_port() as port:
        pass
    server = subprocess.Popen([sys.executable, "-m", "tmgr", "serve", "--port", str(port),
                               "--threads", str(CLIENTS)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base)
        alone = run_clients(base, ids[: len(ids) // CLIENTS], 1, rounds, "alone", think)
        crowd = run_clients(base, ids, CLIENTS, rounds, "crowd", think)
        lost = {"crowd": lost_updates(database, crowd)}
        stress = run_clients(base, ids, CLIENTS, 1, "stress")
        lost["stress"] = lost_updates(database, stress)
    finally:
        server.terminate()
        server.wait(timeout=10)
    one = [x for w in alone for x in w.latencies]
    print(f"  clients pause {think[0]:g}-{think[1]:g} s between saves")
    print(f"  baseline 1 client: {len(one)} saves, median {statistics.median(one):.1f} ms, "
          f"p95 {p95(one):.1f} ms")
    for label, workers in ((f"{CLIENTS} clients", crowd),
                           (f"{CLIENTS} clients, no pause (stress)", stress)):
        tag = workers[0].tag
        many = [x for w in workers for x in w.latencies]
        errors = sum(len(w.errors) for w in workers)
        print(f"  {label}: {len(many)} saves, median {statistics.median(many):.1f} ms, "
              f"p95 {p95(many):.1f} ms, p95 ratio to 1 client {p95(many) / p95(one):.1f}x; "
              f"errors {errors}, lost updates {lost[tag]}")
        for w in workers:
            for e in w.errors[:2]:
                print(f"    {w.name}: {e}")
    print("  (target: p95 < 50 ms with 16 clients, zero errors, zero lost updates)")
    database.dispose()


class socket_port:
    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def wait_for(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(base + "login", timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def run_on(name: str, url: str, folder: Path, rounds: int,
           think: tuple[float, float]) -> None:
    print(f"\n== {name} ==")
    database = Database(url)
    database.upgrade()
    populate(database, make_source(folder))
    database.analyze()  # what `tmgr ingest` does after a batch
    database.dispose()
    bench_editor(url, folder / "instance")
    bench_saves(url, folder / "instance", rounds, think)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="passes over the segments")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--think", default=",".join(f"{x:g}" for x in THINK),
                        help="MIN,MAX seconds a client pauses between saves (default %(default)s)")
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    assert len(think) == 2, "--think takes MIN,MAX"
    chosen = args.databases.split(",")
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-web-") as tmp:
        folder = Path(tmp)
        if "sqlite" in chosen:
            (folder / "sqlite").mkdir()
            run_on("SQLite", f"sqlite:///{folder / 'sqlite' / 'bench.sqlite3'}",
                   folder / "sqlite", args.rounds, think)
        if "postgresql" in chosen:
            from tests.pgcluster import PostgresCluster

            cluster = PostgresCluster().start()
            try:
                admin = Database(cluster.url())
                with admin.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("CREATE DATABASE bench"))
                admin.dispose()
                (folder / "pg").mkdir()
                run_on("PostgreSQL", cluster.url("bench"), folder / "pg", args.rounds, think)
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
