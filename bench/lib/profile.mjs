// Summarises a V8 .cpuprofile: top functions by self time, by inclusive time, and self time per
// package (node_modules/<name>, packages/<name>/src/..., node:internal).
import { readFileSync } from 'node:fs';

function where(url) {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node:internal';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const pk = url.match(/packages\/([^/]+)\/src\/(.*)$/);
  if (pk) return `paykit ${pk[1]}/${pk[2].split('/').slice(0, -1).join('/') || '.'}`;
  const bench = url.match(/\/bench\/(.*)$/);
  if (bench) return `bench/${bench[1]}`;
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url) {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const pk = url.indexOf('packages/');
  if (pk >= 0) return url.slice(pk);
  return url.replace(/^file:\/\//, '');
}

export function summariseProfile(file, top = 12) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample counts → self time (µs) per node, using the recorded time deltas.
  const self = new Map();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const bySelf = new Map();
  const byPackage = new Map();
  const inclusive = new Map();
  const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
  for (const [id, us] of self) {
    const n = nodes.get(id);
    const k = idle.has(n.callFrame.functionName) ? n.callFrame.functionName : key(n);
    bySelf.set(k, (bySelf.get(k) ?? 0) + us);
    const pkg = idle.has(n.callFrame.functionName) ? n.callFrame.functionName : where(n.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    // Inclusive: credit every distinct function on the stack once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const node = nodes.get(cur);
      if (node.callFrame.functionName === '(root)') continue;
      const ck = key(node);
      if (seen.has(ck)) continue;
      seen.add(ck);
      inclusive.set(ck, (inclusive.get(ck) ?? 0) + us);
    }
  }
  const rank = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((us / total) * 1000) / 10 }));
  const busy = total - (self.size ? [...bySelf.entries()].filter(([k]) => k === '(idle)').reduce((a, [, v]) => a + v, 0) : 0);
  return {
    totalMs: Math.round(total / 1000),
    busyPct: Math.round((busy / total) * 1000) / 10,
    selfTop: rank(bySelf),
    packages: rank(byPackage),
    inclusiveTop: rank(new Map([...inclusive].filter(([k]) => !k.startsWith('(anonymous) :') && !k.includes('node:internal')))),
  };
}

export function printProfile(title, s, print = console.log) {
  print(`  CPU profile ${title}: ${s.totalMs} ms sampled, ${s.busyPct}% busy`);
  print('    self time by package:');
  for (const p of s.packages.slice(0, 8)) print(`      ${String(p.pct).padStart(5)}%  ${p.name}`);
  print('    top functions by self time:');
  for (const f of s.selfTop.slice(0, 10)) print(`      ${String(f.pct).padStart(5)}%  ${f.name}`);
}

// `node bench/lib/profile.mjs file.cpuprofile` prints a summary.
if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summariseProfile(process.argv[2], Number(process.argv[3] ?? 25));
  printProfile(process.argv[2], s);
  console.log('    top functions by inclusive time:');
  for (const f of s.inclusiveTop) console.log(`      ${String(f.pct).padStart(5)}%  ${f.name}`);
}
