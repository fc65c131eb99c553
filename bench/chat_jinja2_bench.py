#!/usr/bin/env python3
"""Issue #17's speed benchmark, Python side: transformers-style rendering (the oracle's environment and
apply_chat_template logic from tests/tools/pin_chat_templates.py, Jinja2 3.1.6) in-process, timed with timeit.

    python3 bench/chat_jinja2_bench.py            # µs per apply for each workload template
    python3 bench/chat_jinja2_bench.py --json F   # also write the figures as JSON
    python3 bench/chat_jinja2_bench.py --pin      # (re)write bench/chat-workload/expected/<id>.txt
    python3 bench/chat_jinja2_bench.py --check    # render once and compare with expected/, untimed

The workload (bench/chat-workload/workload.json): each template of the corpus named there is compiled once, then
applied to the same 10-turn conversation with two tools (or, for a template without tool roles, a plain 10-turn
conversation with the tools still passed), add_generation_prompt on.
"""
import json, os, sys, time, timeit, statistics

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "tools"))
import pin_chat_templates as oracle  # noqa: E402

WORKLOAD = os.path.join(HERE, "chat-workload")
CORPUS = os.path.join(HERE, "..", "tests", "Kida.ChatTemplates.Tests", "Corpus")


def load():
    with open(os.path.join(WORKLOAD, "workload.json"), encoding="utf-8") as f:
        w = json.load(f)
    for t in w["templates"]:
        with open(os.path.join(CORPUS, t["id"] + ".json"), encoding="utf-8") as f:
            entry = json.load(f)
        case = {"messages": w["conversations"][t["conversation"]], "tools": w["tools"], "add_generation_prompt": True}
        yield t["id"], entry, case


def main():
    args = sys.argv[1:]
    figures, failures = {}, 0
    for tid, entry, case in load():
        text, _ = oracle.apply(entry, case)  # compiles once (the oracle caches the compiled template)
        path = os.path.join(WORKLOAD, "expected", tid + ".txt")
        if "--pin" in args:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            continue
        with open(path, encoding="utf-8", newline="") as f:
            if f.read() != text:
                failures += 1
                print(f"MISMATCH {tid}")
                continue
        if "--check" in args:
            continue
        # CPU time of this process (time.process_time), which other load on a shared machine does not inflate.
        timer = timeit.Timer(lambda: oracle.apply(entry, case), timer=time.process_time)
        number, _ = timer.autorange()  # enough calls for >= 0.2 s
        runs = timer.repeat(repeat=7, number=number)
        us = statistics.median(runs) / number * 1e6
        figures[tid] = {"us_per_apply": us, "chars": len(text), "calls_per_run": number}
        print(f"{tid:34} {us:10.1f} µs/apply (CPU time)  ({len(text)} chars)")
    if "--json" in args:
        with open(args[args.index("--json") + 1], "w") as f:
            json.dump({"engine": f"Jinja2 {oracle.jinja2.__version__} (transformers-style)",
                       "python": sys.version.split()[0], "figures": figures}, f, indent=1)
    if "--pin" not in args:
        print("outputs: " + ("all equal to expected/" if not failures else f"{failures} differ"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
