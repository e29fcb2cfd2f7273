// The embedded llamacpp provider on the tiny random-weight model (test/fixtures/models): rows/s and
// tokens/s of a one-column text recipe with 1 and 4 context sequences, through the whole runner
// (scheduler, cache, store). The model is tiny, so this measures the engine's per-request overhead
// and how well sequences share a context, not what a real model would do.
// Needs the optional engine: npm install --no-save --prefix .engines node-llama-cpp@3.21.1
// Usage: npm run build && npm run bench -- llamacpp [ROWS=48] [THREADS=1]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeLlamaEngines } from '../dist/llm/llamacpp.js';
import { locateEngine } from '../dist/llm/llamacpp-engine.js';
import { loadRecipe } from '../dist/stages/generate/recipe/load.js';
import { runGeneration } from '../dist/stages/generate/run/run-generation.js';
import { openStore } from '../dist/store/connect.js';
import { machine } from './lib/machine.mjs';

const ROWS = Number(process.argv[3] ?? 48);
process.env.TANDEM_LLAMA_THREADS = process.argv[4] ?? process.env.TANDEM_LLAMA_THREADS ?? '1';
const MODEL = fileURLToPath(new URL('../test/fixtures/models/tiny-llama.gguf', import.meta.url));

if (!locateEngine()) {
  console.log(
    'node-llama-cpp is not installed: npm install --no-save --prefix .engines node-llama-cpp@3.21.1',
  );
  process.exit(1);
}

const recipe = (name, sequences) =>
  loadRecipe(
    `
name: ${name}
provider: llamacpp:${MODEL}
limits: { concurrency: ${sequences} }
defaults: { max_tokens: 32, temperature: 0.8 }
columns:
  - name: text
    llm: text
    prompt: "Write a short customer question (row {{ row_index }})."
`,
    `${name}.yaml`,
  );

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-llama-'));
console.log(`machine: ${machine()}`);
console.log(
  `model: tiny-llama.gguf (137k parameters, random weights), ${process.env.TANDEM_LLAMA_THREADS} thread(s), ${ROWS} rows, max_tokens 32\n`,
);
try {
  for (const sequences of [1, 4]) {
    const store = await openStore(join(dir, `s${sequences}.db`));
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const s = await runGeneration(store, {
      recipe: recipe(`llama-s${sequences}`, sequences),
      count: ROWS,
      actor: 'bench',
    });
    const secs = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await store.close();
    await closeLlamaEngines();
    console.log(
      `${sequences} sequence(s): ${s.rows.stored} rows in ${secs.toFixed(1)} s → ${(s.rows.stored / secs).toFixed(2)} rows/s, ` +
        `${(s.tokens.output / secs).toFixed(0)} output tokens/s, ${((s.tokens.input + s.tokens.output) / secs).toFixed(0)} tokens/s in+out ` +
        `(${s.tokens.input} in, ${s.tokens.output} out; ${((cpu.user + cpu.system) / 1000 / s.rows.stored).toFixed(0)} ms CPU per row)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
