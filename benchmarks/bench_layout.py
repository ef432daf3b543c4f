"""Benchmark the genogram layout on seeded synthetic pedigrees and print a table.

Usage: python benchmarks/bench_layout.py [--sizes 50,500,1000,3000,10000] [--repeat 3]

For each size it reports the best-of-N layout time, layout + SVG time (when the renderer is
installed), peak memory of one layout (tracemalloc), and the quality metrics. When Graphviz's
``dot`` is on PATH, the same pedigree is laid out by ``dot -Tsvg`` (one marriage node per union,
partners ranked together, as ged2dot and kingraph do) in the same run, and the table shows the
time ratio and dot's crossings and split couples, measured the same way (layout-notes §6.1).
genomap's render and dot run in turn, round after round, and each keeps its best time, so a
change in the machine's speed during the run slows both alike. Timings are figures to record,
never test assertions.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from genomap.layout import layout_genogram
from genomap.metrics import count_inversions_between, measure
from genomap.models import Document
from genomap.synthetic import synthetic_pedigree


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time (seconds) of ``repeat`` runs and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def best_of_each(repeat: int, runs: list[Callable[[], Any]]) -> list[float]:
    """Best wall time (seconds) of each run over ``repeat`` rounds that run them in turn, so
    that a change in the machine's speed during the benchmark slows them alike."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            gc.collect()
            start = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def svg_renderer() -> Callable[[Document], str] | None:
    """The SVG renderer, if this version of genomap has one."""
    try:
        from genomap.api import render_genogram
    except ImportError:
        return None
    return render_genogram


def peak_memory(run: Callable[[], Any]) -> float:
    """Peak traced memory of one run, in MB."""
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def to_dot(document: Document) -> str:
    """The pedigree as dot source: fixed-size boxes, a point node per union, partners ranked."""
    lines = ["digraph G {", "node [shape=box, width=0.4, height=0.4, fixedsize=true];"]
    for person in document.people:
        lines.append(f'"{person.id}";')
    for union in document.unions:
        node = f'"u_{union.key}"'
        lines.append(f"{node} [shape=point, width=0.05];")
        if len(union.partners) == 2:
            a, b = union.partners
            lines.append(f'{{rank=same; "{a}" -> {node} -> "{b}" [dir=none];}}')
        else:
            lines.append(f'"{union.partners[0]}" -> {node} [dir=none];')
        for child in union.children:
            lines.append(f'{node} -> "{child.person}";')
    lines.append("}")
    return "\n".join(lines)


def dot_quality(document: Document, plain: str) -> tuple[int, int]:
    """Crossings (union -> child straight lines per pair of ranks) and split couples of dot."""
    pos: dict[str, tuple[float, float]] = {}
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[parts[1].strip('"')] = (float(parts[2]), float(parts[3]))
    edges: dict[float, list[tuple[float, float]]] = {}
    for union in document.unions:
        ux, uy = pos[f"u_{union.key}"]
        for child in union.children:
            cx, _ = pos[child.person]
            edges.setdefault(round(uy, 2), []).append((ux, cx))
    crossings = sum(count_inversions_between(pairs) for pairs in edges.values())
    rows: dict[float, list[float]] = {}
    for person in document.people:
        x, y = pos[person.id]
        rows.setdefault(round(y, 2), []).append(x)
    split = 0
    for union in document.unions:
        if len(union.partners) != 2:
            continue
        (ax, ay), (bx, _) = pos[union.partners[0]], pos[union.partners[1]]
        lo, hi = sorted((ax, bx))
        if any(lo < x < hi for x in rows.get(round(ay, 2), [])):
            split += 1
    return crossings, split


def run_dot(
    document: Document, repeat: int, ours: Callable[[], Any]
) -> tuple[float, float, int, int] | None:
    """Best times of ``ours`` and of dot -Tsvg, run in turn ``repeat`` times, and dot's
    crossings and split couples."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    source = to_dot(document).encode()

    def svg() -> None:
        subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, check=True)

    ours_s, dot_s = best_of_each(repeat, [ours, svg])
    plain = subprocess.run([dot, "-Tplain"], input=source, capture_output=True, check=True)
    crossings, split = dot_quality(document, plain.stdout.decode())
    return ours_s, dot_s, crossings, split


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,500,1000,3000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dot", action="store_true", help="skip the Graphviz comparison")
    args = parser.parse_args(argv)
    render = svg_renderer()
    header = (
        f"{'people':>7} {'layout ms':>10} {'+svg ms':>9} {'peak MB':>8} {'cross':>6} "
        f"{'overlap':>7} {'split':>6} {'order':>6} {'width':>9} | {'dot ms':>9} "
        f"{'ratio':>6} {'dot cross':>9} {'dot split':>9}"
    )
    print(header)
    print("-" * len(header))
    for size in (int(s) for s in args.sizes.split(",")):
        document = synthetic_pedigree(size)
        layout_s, layout = best_of(args.repeat, lambda d=document: layout_genogram(d))

        def ours(d: Document = document) -> object:
            return render(d) if render is not None else layout_genogram(d)

        dot = None if args.no_dot else run_dot(document, args.repeat, ours)
        total_s = None
        if dot is not None:
            total_s = dot[0] if render is not None else None
        elif render is not None:
            total_s, _ = best_of(args.repeat, ours)
        memory = peak_memory(lambda d=document: layout_genogram(d))
        m = measure(layout, document)
        overlaps = m.symbol_overlaps + m.label_overlaps + m.label_symbol_overlaps
        dot_cols = (
            f"{dot[1] * 1000:>9.0f} {dot[0] / dot[1]:>6.2f} {dot[2]:>9} {dot[3]:>9}"
            if dot
            else f"{'-':>9} {'-':>6} {'-':>9} {'-':>9}"
        )
        svg_col = f"{total_s * 1000:>9.0f}" if total_s is not None else f"{'-':>9}"
        print(
            f"{size:>7} {layout_s * 1000:>10.1f} {svg_col} {memory:>8.1f} {m.line_crossings:>6} "
            f"{overlaps:>7} {m.split_couples:>6} {m.birth_order_inversions:>6} "
            f"{m.width:>9.0f} | {dot_cols}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
