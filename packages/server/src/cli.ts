import { appsCommand, appsUsage } from './commands/apps.js';
import { devCommand, devUsage } from './commands/dev.js';
import { emulatorCommand, emulatorUsage } from './commands/emulator.js';
import { keysCommand, keysUsage } from './commands/keys.js';
import { migrateCommand, migrateUsage } from './commands/migrate.js';
import { reconcileCommand, reconcileUsage } from './commands/reconcile.js';
import { serveCommand, serveUsage } from './commands/serve.js';

interface Command {
  usage: string;
  run(argv: string[]): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  serve: { usage: serveUsage, run: serveCommand },
  migrate: { usage: migrateUsage, run: migrateCommand },
  apps: { usage: appsUsage, run: appsCommand },
  dev: { usage: devUsage, run: devCommand },
  emulator: { usage: emulatorUsage, run: emulatorCommand },
  keys: { usage: keysUsage, run: keysCommand },
  reconcile: { usage: reconcileUsage, run: reconcileCommand },
};

function usage(): string {
  return ['Usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== '--help' ? `Unknown command: ${name}\n${usage()}` : usage());
    process.exitCode = name && name !== '--help' ? 2 : 0;
    return;
  }
  try {
    await command.run(rest);
  } catch (error) {
    console.error(`paykit ${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
