#!/usr/bin/env node
// Builds dist/index.js (ESM), dist/paykit.iife.js (global `Paykit`) and dist/*.d.ts,
// then prints the IIFE's min+gzip size.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { IIFE_OPTIONS } from './iife-options.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const entry = join(here, 'src/index.ts');

rmSync(dist, { recursive: true, force: true });

await build({
	entryPoints: [entry],
	outfile: join(dist, 'index.js'),
	bundle: true,
	format: 'esm',
	platform: 'neutral',
	target: 'es2020',
	sourcemap: true,
	logLevel: 'warning',
});

const iife = join(dist, 'paykit.iife.js');
await build({ ...IIFE_OPTIONS, outfile: iife, logLevel: 'warning' });

const tsc = join(here, '../../node_modules/.bin/tsc');
execFileSync(tsc, ['-p', 'tsconfig.json', '--emitDeclarationOnly', '--declaration', '--sourceMap', 'false', '--outDir', 'dist'], {
	cwd: here,
	stdio: 'inherit',
});

const gzipped = gzipSync(readFileSync(iife), { level: 9 }).length;
console.log(`paykit.iife.js: ${(gzipped / 1024).toFixed(1)} KB min+gzip`);
