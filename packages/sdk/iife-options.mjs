// esbuild options of the one-file browser bundle (global `Paykit`), shared by build.mjs and the
// benchmark that measures its size, so both always measure the same build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const IIFE_OPTIONS = {
	entryPoints: [join(here, 'src/index.ts')],
	bundle: true,
	format: 'iife',
	globalName: 'Paykit',
	platform: 'browser',
	target: 'es2020',
	minify: true,
	legalComments: 'none',
};
