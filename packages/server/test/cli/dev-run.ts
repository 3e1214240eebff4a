import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'vitest';
import { freePort, PAYKIT_BIN } from '../helpers/cli.js';

export interface DevRun {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
  url: string;
  appId: string;
  appKey: string;
  emulatorUrl: string;
  flittUrl: string;
  flittAppId: string;
  flittAppKey: string;
}

const running: ChildProcess[] = [];

/** Starts `paykit dev` in `cwd` on free ports and waits until it says it is ready. */
export async function startDev(cwd: string): Promise<DevRun> {
  const [port, stripePort, flittPort] = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, PAYKIT_PORT: String(port), PAYKIT_DEV_STRIPE_PORT: String(stripePort) };
  delete env.PAYKIT_DEV_FLITT_PORT;
  delete env.PAYKIT_DATABASE_URL;
  delete env.PAYKIT_MASTER_KEY;
  // The Flitt port comes as the flag, the Stripe port from the environment: both ways are covered.
  const child = spawn(process.execPath, [PAYKIT_BIN, 'dev', '--flitt-port', String(flittPort)], { cwd, env, stdio: 'pipe' });
  running.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('paykit dev ready')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`paykit dev exited with ${code}:\n${output}`));
    });
  });
  const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(output)?.[1] ?? '';
  expect(field('Server')).toBe(`http://127.0.0.1:${port}`);
  expect(field('Stripe emulator')).toBe(`http://127.0.0.1:${stripePort}`);
  expect(field('Flitt emulator')).toBe(`http://127.0.0.1:${flittPort}`);
  return {
    child,
    get output() {
      return output;
    },
    exited,
    url: field('Server'),
    appId: field('App ID'),
    appKey: field('App key'),
    emulatorUrl: field('Stripe emulator'),
    flittUrl: field('Flitt emulator'),
    flittAppId: field('Flitt app ID'),
    flittAppKey: field('Flitt app key'),
  };
}

/** Ctrl+C: the run must end cleanly. */
export async function stopDev(run: DevRun): Promise<void> {
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}

/** For afterEach: kills what a failed test left running. */
export function killDevRuns(): void {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
}
