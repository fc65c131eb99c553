// Renders every non-error case of the chat-template corpus with @huggingface/jinja and counts where its output
// differs from transformers' (the corpus' expected output, pinned on Jinja2 3.1.6). For the notes in bench/RESULTS.md.
//   TZ=UTC node corpus-compare.mjs [--verbose]
import { readFileSync, readdirSync } from "node:fs";
import { Template } from "@huggingface/jinja";

// strftime_now on the corpus' fixed instant (2026-07-04 09:05:03 UTC; run with TZ=UTC), as the oracle's clock.
const FIXED = Date.UTC(2026, 6, 4, 9, 5, 3);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) { super(...(args.length ? args : [FIXED])); }
  static now() { return FIXED; }
};

const dir = new URL("../../tests/Kida.ChatTemplates.Tests/Corpus/", import.meta.url);
const verbose = process.argv.includes("--verbose");
let same = 0, differ = 0, failed = 0, skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const entry = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
  if (!entry.template) { skipped += entry.cases.length; continue; } // named list: selection is not hf/jinja's job
  let template;
  try { template = new Template(entry.template); } catch (e) {
    failed += entry.cases.length; console.log(`PARSE ${entry.id}: ${e.message}`); continue;
  }
  for (const c of entry.cases) {
    if (c.expected === undefined || c.continue_final_message) { skipped++; continue; }
    try {
      const text = template.render({ messages: c.messages, tools: c.tools ?? null, documents: c.documents ?? null,
        add_generation_prompt: !!c.add_generation_prompt, ...entry.special_tokens, ...(c.variables ?? {}) });
      if (text === c.expected) same++;
      else {
        differ++;
        let i = 0; while (i < text.length && text[i] === c.expected[i]) i++;
        if (verbose) console.log(`DIFF ${entry.id}/${c.id} @${i}: ${JSON.stringify(text.slice(i, i + 60))} vs ${JSON.stringify(c.expected.slice(i, i + 60))}`);
      }
    } catch (e) { failed++; if (verbose) console.log(`ERROR ${entry.id}/${c.id}: ${e.message}`); }
  }
}
console.log(`@huggingface/jinja vs transformers on the corpus: ${same} equal, ${differ} differ, ${failed} fail, ${skipped} not compared`);
