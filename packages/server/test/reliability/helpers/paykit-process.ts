import { type ChildProcess, spawn } from 'node:child_process';
import { PAYKIT_BIN } from '../../helpers/cli.js';

export interface PaykitProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT` once it printed that it listens. */
  url: string;
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): { stdout: string; stderr: string };
  /** SIGKILL, then waits for the exit: nothing of the process survives, as in a power cut of the process. */
  crash(): Promise<void>;
}

/** Every child still alive, so a failed test does not leave servers running (see `crashAll`). */
const alive = new Set<() => Promise<void>>();

/** SIGKILLs every child spawned here that is still running: call it from afterAll. */
export async function crashAll(): Promise<void> {
  await Promise.all([...alive].map((crash) => crash()));
}

/**
 * A real `paykit serve` child (the CLI, as deployed), configured only through its environment.
 * Resolves once it listens; rejects with its output when it exits first.
 */
export async function spawnPaykit(env: Record<string, string>): Promise<PaykitProcess> {
  const child = spawn(process.execPath, [PAYKIT_BIN, 'serve'], {
    env: { ...process.env, PAYKIT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const crash = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  alive.add(crash);
  exited.then(() => alive.delete(crash));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    exited.then(({ code, signal }) => reject(new Error(`paykit serve exited (${code ?? signal}) before listening:\n${stdout}${stderr}`)));
  });
  return { child, url, exited, output: () => ({ stdout, stderr }), crash };
}
