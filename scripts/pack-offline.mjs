// Packs Tandem into a tarball that `npm install -g --offline ./FILE.tgz` installs with no network.
//
// Why not plain `npm pack`: package.json bundles every dependency (`bundleDependencies`), but npm
// packs each bundled package with that package's own `files`, and better-sqlite3's leave out its
// built binary (build/Release/*.node) and keep its install script (`prebuild-install || node-gyp
// rebuild`). Installed from that tarball, npm runs the script: prebuild-install downloads from
// GitHub (fails offline) and node-gyp compiles SQLite from source (minutes, needs a compiler and
// Node's headers, which it also downloads). So this script repacks npm's tarball with the binary
// this checkout built and without the script, binding.gyp (npm's implicit `node-gyp rebuild`) and
// the C sources; and leaves out what only compilers and debuggers read (.ts, .d.ts, .map). The
// tarball is therefore for this OS, CPU and Node major only: its name says which.
//
// Usage: node scripts/pack-offline.mjs [--no-build] [--out DIR]
//   --no-build  pack the dist/ already built (skips `prepare`, i.e. `npm run build`)
//   --out DIR   where the tarball goes (default: the current directory)
// Prints the tarball's path on stdout.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : '.');

function run(cmd, cmdArgs, cwd) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status})`);
  return r.stdout;
}

const staging = mkdtempSync(join(tmpdir(), 'tandem-pack-'));
try {
  const packed = run('npm', [
    'pack',
    '--json',
    '--pack-destination',
    staging,
    ...(build ? [] : ['--ignore-scripts']),
  ]);
  const [{ filename, version }] = JSON.parse(packed);
  run('tar', ['-xzf', filename], staging);
  const pkg = join(staging, 'package');

  // Every bundled package that builds native code at install time ships the binary built here instead.
  const modules = join(pkg, 'node_modules');
  const names = readdirSync(modules).flatMap((n) =>
    n.startsWith('@') ? readdirSync(join(modules, n)).map((s) => `${n}/${s}`) : [n],
  );
  for (const name of names) {
    const dir = join(modules, name);
    if (!existsSync(join(dir, 'binding.gyp'))) continue;
    const built = join('node_modules', name, 'build', 'Release');
    const binaries = existsSync(built) ? readdirSync(built).filter((f) => f.endsWith('.node')) : [];
    if (binaries.length === 0) throw new Error(`${name} has no built binary in ${built}: run npm ci first`);
    run('mkdir', ['-p', join(dir, 'build', 'Release')]);
    for (const b of binaries) copyFileSync(join(built, b), join(dir, 'build', 'Release', b));
    const manifestPath = join(dir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const s of ['preinstall', 'install', 'postinstall']) delete manifest.scripts?.[s];
    manifest.gypfile = false;
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const f of ['binding.gyp', 'deps', 'src']) rmSync(join(dir, f), { recursive: true, force: true });
  }
  // TypeScript sources, type declarations and source maps are half the dependencies' files and size
  // (the SDKs ship all three) and nothing reads them at run time.
  const strip = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) strip(p);
      else if (/\.([mc]?ts|map)$/.test(e.name)) rmSync(p);
    }
  };
  strip(modules);
  // Every dependency is in the tarball: a lock would only name registry URLs npm must not fetch.
  rmSync(join(pkg, 'npm-shrinkwrap.json'), { force: true });

  const abi = `node${process.versions.node.split('.')[0]}`;
  const target = join(out, `tandem-${version}-${process.platform}-${process.arch}-${abi}.tgz`);
  run('tar', ['-czf', target, 'package'], staging);
  process.stdout.write(`${target}\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
