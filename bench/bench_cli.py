"""CLI start-up: ``tmgr --help`` and ``tmgr status`` now, beside tmgr 0.1.0, in one run.

0.1.0 (commit eef31a7) is installed from this repository's history into a virtualenv
of its own, with the dependencies it declared (``bench/baseline.py``; built once,
then reused); each version gets its own small database (``init`` + ``ingest
sources/``). The floor is ``python -c "import click"``.
Each figure is the median of several runs of a fresh process: its CPU time (steady
on a busy machine) and, in brackets, its wall-clock time. Both versions run as an
installed package does, with their bytecode cached (a first run writes it), even
when the calling shell sets ``PYTHONDONTWRITEBYTECODE``. Goals (issue 15): ``--help``
within 4x the floor, ``status`` well under half a second.

    python bench/bench_cli.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baseline import baseline_python

ROOT = Path(__file__).resolve().parents[1]
V010 = "eef31a7"


def timed(argv: list[str], env: dict[str, str], runs: int) -> float:
    """Median CPU time (user + system) of a fresh process: steadier than wall time on a
    busy machine; :func:`wall` gives the wall-clock median beside it."""
    times, walls = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=env["TMGR_INSTANCE"])
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    _walls[tuple(argv) + (env.get("PYTHONPATH", ""),)] = statistics.median(walls)
    return statistics.median(times)


_walls: dict[tuple[str, ...], float] = {}


def wall(argv: list[str], env: dict[str, str]) -> float:
    return _walls[tuple(argv) + (env.get("PYTHONPATH", ""),)]


def environment(code: Path | None, instance: Path) -> dict[str, str]:
    """The environment of one version: its code first on the path, if given (the working
    folder, which ``python -m`` puts before it, is the instance folder)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("TMGR_") and key != "PYTHONDONTWRITEBYTECODE"}
    env["TMGR_INSTANCE"] = str(instance)
    env["TMGR_DATABASE_URL"] = f"sqlite:///{instance / 'tmgr.sqlite3'}"
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def prepare(python: Path | str, env: dict[str, str]) -> None:
    """``init`` + ``ingest sources/`` for one version; stop with its own error if it fails."""
    Path(env["TMGR_INSTANCE"]).mkdir(parents=True)  # also the working folder: `-m`
    for command in (["init"], ["ingest", str(ROOT / "sources")]):
        done = subprocess.run([str(python), "-m", "tmgr", *command], env=env,
                              capture_output=True, text=True, cwd=env["TMGR_INSTANCE"])
        if done.returncode != 0:
            sys.exit(f"tmgr {' '.join(command)} failed with {python}:\n{done.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    old_python = str(baseline_python(V010))
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        versions = {"tmgr now": (python, environment(ROOT, base / "now")),
                    "tmgr 0.1.0": (old_python, environment(None, base / "v010-instance"))}
        for version_python, env in versions.values():
            prepare(version_python, env)
        click_argv = [python, "-c", "import click"]
        floor = timed(click_argv, versions["tmgr now"][1], args.runs)
        print(f'python -c "import click": {floor * 1e3:.0f} ms CPU, '
              f'{wall(click_argv, versions["tmgr now"][1]) * 1e3:.0f} ms wall (the floor)')
        print(f"{'CPU (wall)':<14}{'tmgr --help':>20}{'x floor':>9}{'tmgr status':>20}")
        results = {}
        for label, (version_python, env) in versions.items():
            help_argv = [version_python, "-m", "tmgr", "--help"]
            status_argv = [version_python, "-m", "tmgr", "status"]
            timed(status_argv, env, 1)  # writes the bytecode, as installing would
            help_time = timed(help_argv, env, args.runs)
            status_time = timed(status_argv, env, args.runs)
            results[label] = (help_time, status_time)
            print(f"{label:<14}{help_time * 1e3:>7.0f} ms ({wall(help_argv, env) * 1e3:4.0f} ms)"
                  f"{help_time / floor:>8.1f}x"
                  f"{status_time * 1e3:>7.0f} ms ({wall(status_argv, env) * 1e3:4.0f} ms)")
        (now_help, now_status), (old_help, old_status) = results.values()
        print(f"now vs 0.1.0: --help {old_help / now_help:.1f}x faster, "
              f"status {old_status / now_status:.1f}x faster")
        now_env = versions["tmgr now"][1]
        status_wall = wall([python, "-m", "tmgr", "status"], now_env)
        print(f"goals: --help {now_help / floor:.1f}x the floor (within 4x: "
              f"{'met' if now_help <= 4 * floor else 'NOT met'}); status "
              f"{status_wall * 1e3:.0f} ms wall, {now_status * 1e3:.0f} ms CPU "
              f"(well under 500 ms, taken as < 350 ms: "
              f"{'met' if status_wall < 0.35 else 'NOT met'}); "
              f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
