// The packed tarball installs globally with no registry at all: every dependency travels in it
// (`bundleDependencies`), better-sqlite3 with its built binary. This packs the built checkout,
// installs it into a fresh prefix with an empty npm cache and a registry nobody listens on, and
// runs the installed bin from a directory outside the checkout. Slow (a minute on a quiet machine,
// several on a loaded one), hence the generous timeouts; skipped only where `npm` is missing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const hasNpm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
const INSTALL_TIMEOUT = 20 * 60_000;

const dir = mkdtempSync(join(tmpdir(), 'tandem-pack-'));
const prefix = join(dir, 'prefix');
const work = join(dir, 'work');
const bin = join(prefix, 'bin', 'tandem');

/** npm's settings from the environment (set when the tests run under `npm run`) stay out. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_PATH'),
  );
  return { ...env, TANDEM_DB: '', ...extra };
}

function run(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv(extra), maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasNpm)('npm install -g of the packed tarball, offline', () => {
  let tarball = '';
  let server: ChildProcess | undefined;

  beforeAll(() => {
    expect(existsSync(join(root, 'dist/bin/tandem.js')), 'build the CLI first (npm run build)').toBe(true);
    expect(existsSync(join(root, 'dist/web/index.html')), 'build the web app first (npm run build)').toBe(
      true,
    );
    // --no-build: `prepare` would rebuild the dist/ this checkout's tests just built.
    const packed = run(process.execPath, ['scripts/pack-offline.mjs', '--no-build', '--out', dir], root);
    expect(packed.code, packed.stderr).toBe(0);
    tarball = packed.stdout.trim();
    const listing = run('tar', ['-tzf', tarball], dir);
    expect(listing.code, listing.stderr).toBe(0);
    const files = new Set(listing.stdout.split('\n').map((f) => f.replace(/^package\//, '')));
    // The native binary (built here, not rebuilt by npm) and the web app's files are in the tarball.
    expect(files.has('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(files.has('node_modules/better-sqlite3/binding.gyp')).toBe(false);
    expect(files.has('dist/web/index.html')).toBe(true);
    expect([...files].some((f) => f.startsWith('.engines/'))).toBe(false);

    const cache = mkdtempSync(join(tmpdir(), 'tandem-npm-cache-'));
    const installed = run(
      'npm',
      [
        'install',
        '-g',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        '--cache',
        cache,
        tarball,
      ],
      dir,
      // Nothing listens on port 9: any registry request would fail the install.
      { npm_config_registry: 'http://127.0.0.1:9/' },
    );
    rmSync(cache, { recursive: true, force: true });
    expect(installed.code, installed.stderr).toBe(0);
    // The install used the shipped binary: npm compiled nothing (node-gyp would leave build/config.gypi).
    const sqlite = join(prefix, 'lib/node_modules/tandem/node_modules/better-sqlite3');
    expect(existsSync(join(sqlite, 'build/Release/better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(sqlite, 'build/config.gypi'))).toBe(false);
    run('mkdir', ['-p', work], dir);
  }, INSTALL_TIMEOUT);

  afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the installed bin: --version, import, list, export on SQLite', () => {
    const v = run(bin, ['--version'], work);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(version);

    const data = join(work, 'rows.jsonl');
    writeFileSync(
      data,
      ['hello', 'bonjour'].map((text, i) => JSON.stringify({ id: `r${i}`, text })).join('\n'),
    );
    const db = join(work, 'x.db');
    const imported = run(bin, ['import', data, '--dataset', 'packed', '--db', db], work);
    expect(imported.code, imported.stderr).toBe(0);
    const list = run(bin, ['datasets', 'list', '--db', db, '--json'], work);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).datasets).toEqual([
      expect.objectContaining({ name: 'packed', records: 2 }),
    ]);
    const out = join(work, 'out.jsonl');
    const exported = run(
      bin,
      ['export', '--dataset', 'packed', '--format', 'jsonl', '--out', out, '--db', db],
      work,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const texts = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.stringify(JSON.parse(l)));
    expect(texts).toHaveLength(2);
    expect(texts.join('\n')).toContain('bonjour');
  }, 120_000);

  it('serves the API and the web app from the installed package', async () => {
    const db = join(work, 'serve.db');
    server = spawn(bin, ['serve', '--port', '0', '--db', db], { cwd: work, env: cleanEnv() });
    let stderr = '';
    server.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const deadline = Date.now() + 60_000;
    while (!/Tandem on (\S+)/.test(stderr) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const url = /Tandem on (\S+)/.exec(stderr)?.[1];
    expect(url, stderr).toBeDefined();
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, db: 'sqlite' });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
  }, 120_000);
});
