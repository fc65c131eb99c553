#!/usr/bin/env python3
"""Times Jinja2 on the benchmark shapes, as the reference for Kida ÷ Jinja2.

Uses the same Jinja templates, data and expected output as bench/Kida.Benchmarks (Shapes/), with a
FileSystemLoader and autoescape on. Each shape's output is checked against expected/<shape>.html (exactly)
before timing. Reports, per shape, the median over rounds of each round's median µs per render.

    python3 bench/jinja2_bench.py                    # all shapes, 5 rounds
    python3 bench/jinja2_bench.py --quick            # 3 short rounds
    python3 bench/jinja2_bench.py --json out.json    # also write results for `dotnet run ... -- --summary --jinja2 out.json`
"""
import argparse
import json
import os
import platform
import statistics
import sys
import timeit

import jinja2

SHAPES = ["minimal", "small", "medium", "large", "complex"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Kida.Benchmarks", "Shapes")


def load(shape):
    with open(os.path.join(ROOT, "data", shape + ".json"), encoding="utf-8") as f:
        data = json.load(f)
    with open(os.path.join(ROOT, "expected", shape + ".html"), encoding="utf-8", newline="") as f:
        expected = f.read()
    return data, expected


def time_shape(template, data, rounds, target_seconds):
    # Pick a repeat count so one sample takes about target_seconds / 7, then take 7 samples per round.
    number, _ = timeit.Timer(lambda: template.render(data)).autorange()
    one = timeit.timeit(lambda: template.render(data), number=number) / number
    number = max(1, int(target_seconds / 7 / one))
    round_medians = []
    for _ in range(rounds):
        samples = timeit.repeat(lambda: template.render(data), number=number, repeat=7)
        round_medians.append(statistics.median(samples) / number * 1e6)
    return statistics.median(round_medians), round_medians, number


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds per shape (default 5)")
    ap.add_argument("--seconds", type=float, default=1.0, help="approximate seconds per round (default 1.0)")
    ap.add_argument("--quick", action="store_true", help="3 rounds of ~0.3 s")
    ap.add_argument("--json", metavar="FILE", help="write the results as JSON")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.seconds = 3, 0.3

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(ROOT, "templates", "jinja")), autoescape=True)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    results = {}
    failed = False
    print(f"Jinja2 {jinja2.__version__} on Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"{'shape':<10} {'median µs/render':>17}   rounds")
    for shape in shapes:
        data, expected = load(shape)
        template = env.get_template(shape + ".html")
        out = template.render(data)
        if out != expected:
            i = next((k for k, (a, b) in enumerate(zip(out, expected)) if a != b), min(len(out), len(expected)))
            print(f"{shape:<10} MISMATCH at char {i}: expected {expected[max(0, i - 40):i + 40]!r}, got {out[max(0, i - 40):i + 40]!r}")
            failed = True
            continue
        median, rounds, number = time_shape(template, data, args.rounds, args.seconds)
        results[shape] = {"median_us": median, "round_medians_us": rounds, "renders_per_sample": number}
        print(f"{shape:<10} {median:>17.2f}   {', '.join(f'{r:.2f}' for r in rounds)}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({
                "engine": "Jinja2",
                "jinja2_version": jinja2.__version__,
                "python": platform.python_version(),
                "implementation": platform.python_implementation(),
                "rounds": args.rounds,
                "shapes": results,
            }, f, indent=2)
        print(f"wrote {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
