// Issue #17's speed benchmark, JavaScript side: @huggingface/jinja (the port transformers.js uses) on the workload of
// bench/chat-workload/workload.json. Each template is parsed once (new Template), then rendered with the
// conversation, the two tools, add_generation_prompt and the special tokens, as transformers.js' apply_chat_template
// passes them (the library declares raise_exception and strftime_now itself).
//
//   npm ci && node bench.mjs            # check outputs against ../chat-workload/expected/, then time
//   node bench.mjs --check              # outputs only
//   node bench.mjs --json results.json  # also write the figures
//   node bench.mjs --only ID --ms 300   # one template, ~300 ms per round (bench/chat_compare.py uses this)
import { readFileSync, writeFileSync } from "node:fs";
import { Template } from "@huggingface/jinja";

const here = new URL(".", import.meta.url);
const workload = JSON.parse(readFileSync(new URL("../chat-workload/workload.json", here), "utf8"));
const args = process.argv.slice(2);
const figures = {};
let differ = 0;

const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const roundMs = args.includes("--ms") ? Number(args[args.indexOf("--ms") + 1]) : 200;
for (const t of workload.templates.filter((t) => only === null || t.id === only)) {
  const entry = JSON.parse(readFileSync(new URL(`../../tests/Kida.ChatTemplates.Tests/Corpus/${t.id}.json`, here), "utf8"));
  const template = new Template(entry.template);
  const context = {
    messages: workload.conversations[t.conversation],
    tools: workload.tools,
    documents: null,
    add_generation_prompt: true,
    ...entry.special_tokens,
  };
  const render = () => template.render(context);
  const text = render();
  const expected = readFileSync(new URL(`../chat-workload/expected/${t.id}.txt`, here), "utf8");
  const same = text === expected;
  if (!same) {
    differ++;
    let i = 0;
    while (i < text.length && text[i] === expected[i]) i++;
    console.log(`DIFFERS ${t.id} at char ${i}: hf/jinja ${JSON.stringify(text.slice(i, i + 80))} vs Jinja2 ${JSON.stringify(expected.slice(i, i + 80))}`);
  }
  if (args.includes("--check")) continue;
  // Calibrate to ~roundMs of CPU per round, then 7 rounds; the median round is quoted.
  // Timed by the process's CPU time (process.cpuUsage), which other load on a shared machine does not inflate.
  for (let i = 0; i < 2000; i++) render();
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let n = 1;
  for (;;) {
    const t0 = cpu();
    for (let i = 0; i < n; i++) render();
    if (cpu() - t0 >= roundMs) break;
    n *= 2;
  }
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t0 = cpu();
    for (let i = 0; i < n; i++) render();
    rounds.push(((cpu() - t0) * 1000) / n);
  }
  rounds.sort((a, b) => a - b);
  const us = rounds[3];
  figures[t.id] = { us_per_apply: us, equal_to_jinja2: same, chars: text.length };
  console.log(`${t.id.padEnd(34)} ${us.toFixed(1).padStart(10)} µs/apply  ${same ? "" : "(output differs)"}`);
}
if (args.includes("--json")) {
  const pkg = JSON.parse(readFileSync(new URL("node_modules/@huggingface/jinja/package.json", here), "utf8"));
  writeFileSync(args[args.indexOf("--json") + 1], JSON.stringify({ engine: `@huggingface/jinja ${pkg.version}`, node: process.version, figures }, null, 1));
}
console.log(differ ? `outputs: ${differ} differ from Jinja2's` : "outputs: all equal to Jinja2's");
