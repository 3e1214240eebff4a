// Forks a bench child process and talks to it over IPC.
import { fork } from 'node:child_process';

export async function startChild(file, { env = {}, execArgv = [] } = {}) {
  const child = fork(file, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
    child.on('message', (message) => {
      if (message.ready) resolve(message);
      else if (pending.has(message.id)) {
        const { resolve: ok, reject: ko } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) ko(new Error(message.error));
        else ok(message.result);
      }
    });
  });
  const info = await ready;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    ...info,
    child,
    call(cmd, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, ...args });
      });
    },
    async stop() {
      const id = nextId++;
      const result = await Promise.race([
        new Promise((resolve) => {
          pending.set(id, { resolve, reject: resolve });
          child.send({ id, cmd: 'stop' });
        }),
        new Promise((resolve) => setTimeout(() => resolve(null), 15_000)),
      ]);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      return result;
    },
  };
}
