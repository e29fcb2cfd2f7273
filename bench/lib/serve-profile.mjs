// Summarises a V8 .cpuprofile (node --cpu-prof) for the serve benchmark: where the server's CPU went,
// by function (self time), by Tandem function (inclusive time) and by package.
import { readFileSync } from 'node:fs';

const label = (f) => {
  const url = f.url.replace(/^file:\/\//, '');
  const short = url.includes('/node_modules/')
    ? url.slice(url.lastIndexOf('/node_modules/') + 14)
    : url.includes('/dist/')
      ? url.slice(url.indexOf('/dist/') + 1)
      : url;
  return `${f.functionName || '(anonymous)'} ${short ? `${short}:${f.lineNumber + 1}` : ''}`.trim();
};

const packageOf = (f) => {
  const url = f.url;
  if (!url) return f.functionName.startsWith('(') ? f.functionName : 'native (incl. SQLite, pg)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/dist/')) return 'tandem (dist)';
  if (url.startsWith('node:')) return 'node internals';
  return url;
};

/** Returns printable lines: the profile's span, then the top `top` rows of each table. */
export function summariseProfile(path, top = 20) {
  const p = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const inclusive = new Map();
  const packages = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(p.samples[i]);
    if (!node) continue;
    total += dt;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + dt);
    const pkg = packageOf(node.callFrame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (!f.url.includes('/dist/') || f.url.includes('/node_modules/')) continue;
      const k = label(f);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const rows = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, ms]) =>
          `    ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`,
      );
  return [
    `  profile ${path}: ${(total / 1000).toFixed(1)} s sampled`,
    '  by package (self time):',
    ...rows(packages),
    '  by function (self time):',
    ...rows(self),
    '  Tandem functions (inclusive time):',
    ...rows(inclusive),
  ];
}
