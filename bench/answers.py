"""How fast the answer engine is: load time of all rules, time per answer, memory.

    python -m bench.answers [--answers 5000] [--loads 5]

Load time is measured in fresh interpreters (one `RuleBook.load` each, nothing cached), the answer
times in this process after a warm-up, over every case question in every role: once as written
(words the lexicon has seen before are cached) and once with fresh typos in every question (unseen
words: the fuzzy path). Prints figures; never fails on a timing.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Sequence

from bench.figures import median, memory_of, mib, ms, percentile, table, verdict
from bench.workload import ROOT, RULES_DIR, Ask, mixed_asks, with_typos

LOAD_TARGET = 0.300
ANSWER_TARGET = 0.001

_ONE_LOAD = """
import json, time
t0 = time.perf_counter()
from pathlib import Path
from bot.protocol.engine import RuleBook
t1 = time.perf_counter()
c1 = time.process_time()
book = RuleBook.load(Path({rules!r}))
c2 = time.process_time()
t2 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "load_cpu": c2 - c1, "schools": len(book.slugs)}}))
"""


def fresh_loads(count: int) -> list[dict[str, float]]:
    """`count` loads, each in a new interpreter: nothing imported, nothing cached."""
    code = _ONE_LOAD.format(rules=str(RULES_DIR))
    results = []
    for _ in range(count):
        done = subprocess.run(  # noqa: S603 our own interpreter and code
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


Timings = tuple[list[float], list[float]]  # wall clock, CPU time of this thread


def time_answers(book: object, asks: Sequence[Ask], count: int) -> Timings:
    answer = book.answer  # type: ignore[attr-defined]
    wall: list[float] = []
    cpu: list[float] = []
    clock, cpu_clock = time.perf_counter, time.thread_time
    for i in range(count):
        ask = asks[i % len(asks)]
        start, start_cpu = clock(), cpu_clock()
        answer(ask.school, ask.role, ask.question, ask.lang)
        cpu.append(cpu_clock() - start_cpu)
        wall.append(clock() - start)
    return wall, cpu


def time_answer_cards(book: object, asks: Sequence[Ask], count: int) -> Timings:
    """Engine answer plus the answer card built from it: what a question costs before the network."""
    from cards.answer import answer_card

    answer = book.answer  # type: ignore[attr-defined]
    school = book.school  # type: ignore[attr-defined]
    wall: list[float] = []
    cpu: list[float] = []
    clock, cpu_clock = time.perf_counter, time.thread_time
    for i in range(count):
        ask = asks[i % len(asks)]
        start, start_cpu = clock(), cpu_clock()
        result = answer(ask.school, ask.role, ask.question, ask.lang)
        answer_card(
            result,
            "en" if ask.lang == "en" else "nl",
            question=ask.question,
            question_token="t" * 22,
            school_name=school(ask.school).school.name,
        )
        cpu.append(cpu_clock() - start_cpu)
        wall.append(clock() - start)
    return wall, cpu


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--answers", type=int, default=5000, help="timed answers per workload")
    parser.add_argument("--loads", type=int, default=5, help="fresh-process loads")
    args = parser.parse_args(argv)

    load_average = os.getloadavg()[0]
    loads = fresh_loads(args.loads)
    start_memory = memory_of()
    from bot.protocol.engine import RuleBook

    import_memory = memory_of()
    book = RuleBook.load(RULES_DIR)
    warm_loads = []
    for _ in range(3):
        started = time.perf_counter()
        RuleBook.load(RULES_DIR)
        warm_loads.append(time.perf_counter() - started)
    gc.collect()
    loaded_memory = memory_of()

    asks = mixed_asks(book.slugs)
    if not asks:
        print("no case questions for the loaded schools in tests/protocol/cases/", file=sys.stderr)
        return 1
    rng = random.Random(7)
    repeats = args.answers // len(asks) + 1
    typo_asks = [Ask(a.school, a.role, with_typos(a.question, rng), a.lang) for a in asks * repeats]
    time_answers(book, asks, min(len(asks) * 3, 2000))  # warm-up: imports, caches, branch paths
    seen = time_answers(book, asks, args.answers)
    unseen = time_answers(book, typo_asks, args.answers)
    time_answer_cards(book, asks, min(len(asks) * 2, 1000))  # warm-up of the card code
    carded = time_answer_cards(book, asks, args.answers)
    end_memory = memory_of()

    load_wall = median([r["load"] for r in loads])
    load_cpu = median([r["load_cpu"] for r in loads])
    print(
        f"Mag dit? answer engine: {len(book.slugs)} school(s) in rules/, {len(asks)} distinct asks "
        f"({len(asks) // 3} case questions x 3 roles, ~10% English), Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {load_average:.2f} at start"
    )
    print("wall = elapsed time (includes time other processes took the CPU); cpu = this thread's CPU time\n")
    rows = [
        [
            f"load all rules, fresh process, median of {len(loads)}",
            ms(load_wall),
            ms(load_cpu),
            "<= 300 ms",
            verdict(load_wall, LOAD_TARGET),
        ],
        [
            "  min / max of those loads (wall)",
            f"{ms(min(r['load'] for r in loads))} / {ms(max(r['load'] for r in loads))}",
            "",
            "",
            "",
        ],
        ["  import bot.protocol.engine, fresh, median", ms(median([r["import"] for r in loads])), "", "", ""],
        ["  load again in a warm process, median of 3", ms(median(warm_loads)), "", "", ""],
    ]
    for label, (wall, cpu) in (
        (f"answer, words seen before ({len(wall_of(seen))}x)", seen),
        (f"answer, fresh typos ({len(wall_of(unseen))}x)", unseen),
        (f"answer + answer card ({len(wall_of(carded))}x)", carded),
    ):
        rows.append(
            [
                label + ", median",
                ms(median(wall)),
                ms(median(cpu)),
                "<= 1 ms",
                verdict(median(wall), ANSWER_TARGET),
            ]
        )
        rows.append(["  p99", ms(percentile(wall, 0.99)), ms(percentile(cpu, 0.99)), "", ""])
        rows.append(["  max", ms(max(wall)), ms(max(cpu)), "", ""])
    rows += [
        ["RSS: interpreter + bench only", mib(start_memory.get("VmRSS")), "", "", ""],
        ["RSS: + engine imported", mib(import_memory.get("VmRSS")), "", "", ""],
        ["RSS: + rules loaded (4 loads, gc'd)", mib(loaded_memory.get("VmRSS")), "", "", ""],
        ["RSS after all answers", mib(end_memory.get("VmRSS")), "", "", ""],
        ["peak RSS (VmHWM)", mib(end_memory.get("VmHWM")), "", "", ""],
    ]
    print(table(rows, ["measure", "wall", "cpu", "target", ""]))
    return 0


def wall_of(timings: Timings) -> list[float]:
    return timings[0]


if __name__ == "__main__":
    sys.exit(main())
