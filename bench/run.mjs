// Runs one benchmark: `npm run bench -- NAME [args]`. Benchmarks run the built product in dist/: run
// `npm run build` first. `npm run bench` itself compiles the test support some benchmarks use (the fake
// LLM server) into dist-test/.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const name = process.argv[2];
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace('.bench.mjs', ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME\navailable: ${available.join(', ')}`);
  process.exit(2);
}
if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
if (!existsSync(new URL('../dist-test/test/helpers/fake-llm/fake-llm-server.js', import.meta.url))) {
  console.error('dist-test/ is missing: run benchmarks with `npm run bench -- NAME`, which builds it');
  process.exit(2);
}
await import(`./${name}.bench.mjs`);
