import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { parseMasterKey } from '../config.js';

/** Where `paykit dev` keeps everything it needs between runs (gitignored `./data/`). */
export interface DevPaths {
  dir: string;
  masterKey: string;
  database: string;
  emulator: string;
  demoApp: string;
  flittDemoApp: string;
}

export function devPaths(cwd: string = process.cwd()): DevPaths {
  const dir = resolve(cwd, 'data');
  return {
    dir,
    masterKey: join(dir, 'dev-master.key'),
    database: join(dir, 'paykit.db'),
    emulator: join(dir, 'stripe-emulator.json'),
    demoApp: join(dir, 'dev-app.json'),
    flittDemoApp: join(dir, 'dev-flitt-app.json'),
  };
}

/**
 * The development master key: generated once (32 random bytes, base64, file mode 0600) and
 * reused, so secrets stored by earlier runs stay readable.
 */
export function loadOrCreateMasterKey(file: string): { key: string; created: boolean } {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    const problems: string[] = [];
    if (!parseMasterKey(key, file, problems)) throw new Error(`${problems[0]}; delete the file to generate a new one`);
    return { key, created: false };
  }
  mkdirSync(join(file, '..'), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  // The umask may have widened the mode given to writeFileSync.
  chmodSync(file, 0o600);
  return { key, created: true };
}

/** What the first run set up and later runs reuse (`./data/dev-app.json`). */
const DemoAppStateSchema = Type.Object({
  appId: Type.String(),
  appKey: Type.String(),
  studioToken: Type.String(),
  /** The demo account's secret key on the Stripe emulator. */
  stripeSecretKey: Type.String(),
  dataSourceId: Type.Number(),
  priceIds: Type.Array(Type.String()),
  /** The server URL the emulator's webhook endpoint points at. */
  publicUrl: Type.String(),
});

export type DemoAppState = Static<typeof DemoAppStateSchema>;

/** The Flitt demo app (`./data/dev-flitt-app.json`): Flitt takes the callback URL per order, so no webhook to repoint. */
const FlittDemoAppStateSchema = Type.Object({
  appId: Type.String(),
  appKey: Type.String(),
  studioToken: Type.String(),
  /** The merchant on the Flitt emulator and its secret key. */
  merchantId: Type.Number(),
  secretKey: Type.String(),
  dataSourceId: Type.Number(),
});

export type FlittDemoAppState = Static<typeof FlittDemoAppStateSchema>;

function readState<T>(file: string, check: (value: unknown) => value is T): T | null {
  if (!existsSync(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return check(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The saved demo app, or null when there is none (or the file is unreadable: it is then redone). */
export function readDemoAppState(file: string): DemoAppState | null {
  return readState(file, (value): value is DemoAppState => Value.Check(DemoAppStateSchema, value));
}

export function readFlittDemoAppState(file: string): FlittDemoAppState | null {
  return readState(file, (value): value is FlittDemoAppState => Value.Check(FlittDemoAppStateSchema, value));
}

/** Written atomically and private: the file holds the Studio token and the emulator secret key. */
export function writeDemoAppState(file: string, state: DemoAppState | FlittDemoAppState): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
