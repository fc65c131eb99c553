#!/usr/bin/env python3
"""Issue #17's ratios on a shared, noisy machine: the three engines measured interleaved, template by template and
round by round, so each ratio compares figures taken within seconds of each other, and each by its own process's
CPU time (what the machine's other load does not inflate). Per round and template: Kida
(`Kida.ChatTemplates.Benchmarks --loop ID S`, a plain loop after a warm-up), transformers-style Jinja2 (in-process
timeit, as bench/chat_jinja2_bench.py) and @huggingface/jinja (`node bench.mjs --only ID`). The median over rounds is
quoted. Outputs were checked equal first (each tool checks its own against chat-workload/expected/).

    dotnet build -c Release bench/Kida.ChatTemplates.Benchmarks && python3 bench/chat_compare.py [--rounds 5] [--seconds 1]
"""
import os, re, statistics, subprocess, sys, time, timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chat_jinja2_bench as py  # noqa: E402

KIDA = os.path.join(HERE, "Kida.ChatTemplates.Benchmarks", "bin", "Release", "net10.0", "Kida.ChatTemplates.Benchmarks")


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main():
    rounds, seconds = arg("--rounds", 5), arg("--seconds", 1.0)
    loaded = list(py.load())
    for tid, entry, case in loaded:  # the Python side's outputs, as the other two check theirs
        text, _ = py.oracle.apply(entry, case)
        with open(os.path.join(py.WORKLOAD, "expected", tid + ".txt"), encoding="utf-8", newline="") as f:
            assert f.read() == text, tid
    figures = {tid: {"kida": [], "jinja2": [], "hfjinja": []} for tid, _, _ in loaded}
    for r in range(rounds):
        for tid, entry, case in loaded:
            out = subprocess.run([KIDA, "--loop", tid, str(seconds)], capture_output=True, text=True, check=True).stdout
            figures[tid]["kida"].append(float(re.search(r"([\d.]+) µs per apply", out).group(1)))
            timer = timeit.Timer(lambda: py.oracle.apply(entry, case), timer=time.process_time)
            number, _ = timer.autorange()
            figures[tid]["jinja2"].append(min(timer.repeat(repeat=3, number=number)) / number * 1e6)
            out = subprocess.run(["node", os.path.join(HERE, "chat-hfjinja", "bench.mjs"), "--only", tid,
                                  "--ms", str(int(seconds * 1000 / 7))], capture_output=True, text=True, check=True).stdout
            if "outputs: all equal" not in out:
                raise SystemExit(f"@huggingface/jinja output differs on {tid}:\n{out}")
            figures[tid]["hfjinja"].append(float(re.search(r"([\d.]+) µs/apply", out).group(1)))
        print(f"round {r + 1}/{rounds} done", file=sys.stderr)
    print("| template | Kida µs | Jinja2 µs | @huggingface/jinja µs | Kida ÷ Jinja2 throughput | Kida ÷ hf/jinja throughput |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios_j, ratios_h = [], []
    for tid in figures:
        k, j, h = (statistics.median(figures[tid][e]) for e in ("kida", "jinja2", "hfjinja"))
        ratios_j.append(j / k)
        ratios_h.append(h / k)
        print(f"| `{tid}` | {k:.1f} | {j:.1f} | {h:.1f} | {j / k:.1f}× | {h / k:.1f}× |")
    gj, gh = statistics.geometric_mean(ratios_j), statistics.geometric_mean(ratios_h)
    print(f"| geometric mean | | | | {gj:.1f}× | {gh:.1f}× |")


if __name__ == "__main__":
    main()
