import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

it('build.mjs produces a small IIFE that defines Paykit.createPayments on the global', () => {
	const output = execFileSync(process.execPath, ['build.mjs'], { cwd: root, encoding: 'utf8' });
	expect(output).toMatch(/paykit\.iife\.js: [\d.]+ KB min\+gzip/);
	const iife = join(root, 'dist/paykit.iife.js');
	expect(existsSync(iife)).toBe(true);
	expect(existsSync(join(root, 'dist/index.js'))).toBe(true);
	expect(existsSync(join(root, 'dist/index.d.ts'))).toBe(true);

	const code = readFileSync(iife, 'utf8');
	const sandbox: Record<string, unknown> = {};
	sandbox.window = sandbox;
	sandbox.self = sandbox;
	const context = createContext(sandbox);
	runInContext(code, context);
	const paykit = runInContext('window.Paykit', context);
	expect(typeof paykit.createPayments).toBe('function');
	expect(typeof paykit.PaymentsError).toBe('function');
	const payments = paykit.createPayments({ baseUrl: 'https://pay.test', appId: 'a', appKey: 'k' });
	expect(Object.keys(payments).sort()).toEqual(['Checkout', 'Configuration', 'Customers', 'Products', 'Subscriptions']);

	expect(gzipSync(code).length).toBeLessThan(6 * 1024);
});
