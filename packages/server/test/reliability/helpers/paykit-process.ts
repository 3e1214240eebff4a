import type { ChildProcess } from 'node:child_process';
import { spawnPaykit as spawnPaykitChild } from '../../helpers/cli.js';

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
  const { child, exited, listening, output } = spawnPaykitChild(['serve'], { env: { ...process.env, PAYKIT_LOG_LEVEL: 'warn', ...env } });
  const crash = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  alive.add(crash);
  exited.then(() => alive.delete(crash));
  const url = await listening;
  return { child, url, exited, output, crash };
}
