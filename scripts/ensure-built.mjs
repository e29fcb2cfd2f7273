// Builds only when dist/ is missing or older than what it is built from, so `npm run demo` right
// after `npm ci` (whose `prepare` just built) starts at once instead of building again.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputs = ['dist/bin/tandem.js', 'dist/cli/main.js', 'dist/web/index.html'];
const inputs = [
  'src',
  'web',
  'scripts/bundle-cli.mjs',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

function newest(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) if (e !== 'node_modules') t = Math.max(t, newest(join(path, e)));
  return t;
}

const built = Math.min(
  ...outputs.map((p) => statSync(join(root, p), { throwIfNoEntry: false })?.mtimeMs ?? 0),
);
const source = Math.max(...inputs.map((p) => newest(join(root, p))));
if (built < source) {
  console.error(built ? 'dist/ is older than the sources: building…' : 'dist/ is missing: building…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
