#!/usr/bin/env node
// `npm start`: builds the SDK bundle and the web console when missing or older than their sources, then runs
// `paykit dev` (server + Stripe and Flitt emulators + demo store, state in ./data/) until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdk = join(root, 'packages/sdk');
const bundle = join(sdk, 'dist/paykit.iife.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(sdk, 'src'))) {
  console.log('Building the SDK bundle (packages/sdk/dist/paykit.iife.js)...');
  const build = spawnSync(process.execPath, [join(sdk, 'build.mjs')], { cwd: sdk, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const consoleDir = join(root, 'packages/console');
const consolePage = join(consoleDir, 'dist/index.html');
if (!existsSync(consolePage) || statSync(consolePage).mtimeMs < newestSource(join(consoleDir, 'src'))) {
  console.log('Building the web console (packages/console/dist)...');
  const build = spawnSync('npm', ['run', 'build'], { cwd: consoleDir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dev = spawn(process.execPath, [join(root, 'packages/server/bin/paykit.mjs'), 'dev', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
// npm does not pass SIGTERM on to its script: when npm goes away, stop the servers too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) dev.kill('SIGTERM');
}, 1000).unref();
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
