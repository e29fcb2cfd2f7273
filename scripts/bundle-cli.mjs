// Bundles the CLI into dist/bin/: one file for start-up (commander and the command table) and one
// chunk per command, loaded when that command runs. Node resolves and evaluates each ESM file on its
// own, and kysely alone is 262 of them (~0.15 s of CPU and 20 MB before a command does anything);
// bundled, `tandem --version` and `tandem datasets list` start in about the time of `node -e 0`.
// Pure-JS packages with many files are bundled (libphonenumber-js: ~100 files, ~40 ms of every start of
// `tandem pii` and `tandem check`); the rest (native addons, packages that read their own files, the
// server's) stay imports from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set(['kysely', 'zod', 'yaml', 'csv-parse', 'libphonenumber-js']);
const packageOf = (spec) =>
  (spec.startsWith('@') ? spec.split('/').slice(0, 2) : spec.split('/', 1)).join('/');

rmSync('dist/bin', { recursive: true, force: true });
await build({
  // The two workers are files of their own: their modules start them from `./NAME.js` next to them.
  entryPoints: {
    tandem: 'src/cli/main.ts',
    'sketch-worker': 'src/text/sketch-worker.ts',
    'map-worker': 'src/stages/import/map-worker.ts',
  },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  // Bundled CommonJS (yaml's Node build) requires Node's own modules: give every file a `require`.
  banner: {
    js: "import { createRequire as __tandemCreateRequire } from 'node:module'; const require = __tandemCreateRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        // zod's `z` namespace carries every locale's messages (60 files); Tandem's messages are
        // English, and `z.locales` is never used, so only English goes in.
        b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
          args.importer.includes('/zod/') ? { path: 'zod-locales', namespace: 'tandem' } : undefined,
        );
        b.onLoad({ filter: /^zod-locales$/, namespace: 'tandem' }, () => ({
          contents: "export { default as en } from 'zod/v4/locales/en.js';",
          resolveDir: process.cwd(),
        }));
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('node:') || !BUNDLED.has(packageOf(args.path))
            ? { path: args.path, external: true }
            : undefined,
        );
      },
    },
  ],
});
