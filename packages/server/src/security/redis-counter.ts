import { connect, type Socket } from 'node:net';

/**
 * A fixed-window counter in Redis, shared by every paykit process: what the rate limits use when
 * PAYKIT_REDIS_URL is set. It speaks the few RESP commands it needs over one socket (EVAL, AUTH,
 * SELECT) instead of pulling in a Redis client library; a lost connection is reopened on the next call.
 */
export interface RedisCounter {
  /** Adds one to `key` in a window of `windowMs`: the count so far and the milliseconds left. */
  increment(key: string, windowMs: number): Promise<{ current: number; ttl: number }>;
  close(): Promise<void>;
}

type Reply = string | number | null | Reply[] | Error;

const INCREMENT = `
local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}`;

/** One RESP reply from `buffer` at `offset`, or null when more bytes are needed. */
function parse(buffer: Buffer, offset: number): { value: Reply; next: number } | null {
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return null;
  const type = String.fromCharCode(buffer[offset] as number);
  const line = buffer.toString('utf8', offset + 1, end);
  if (type === '+') return { value: line, next: end + 2 };
  if (type === '-') return { value: new Error(`Redis: ${line}`), next: end + 2 };
  if (type === ':') return { value: Number(line), next: end + 2 };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: null, next: end + 2 };
    if (buffer.length < end + 2 + length + 2) return null;
    return { value: buffer.toString('utf8', end + 2, end + 2 + length), next: end + 2 + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    if (count < 0) return { value: null, next: end + 2 };
    const items: Reply[] = [];
    let next = end + 2;
    for (let i = 0; i < count; i++) {
      const item = parse(buffer, next);
      if (!item) return null;
      items.push(item.value);
      next = item.next;
    }
    return { value: items, next };
  }
  throw new Error(`Redis: unexpected reply type ${JSON.stringify(type)}`);
}

const encode = (args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/**
 * @example
 * const counter = createRedisCounter('redis://127.0.0.1:6379', 'paykit:rl:');
 * const { current, ttl } = await counter.increment('ip:10.0.0.1', 60_000);
 */
export function createRedisCounter(url: string, prefix = 'paykit:rl:', { timeoutMs = 1000 } = {}): RedisCounter {
  const target = new URL(url);
  if (target.protocol !== 'redis:') throw new Error('PAYKIT_REDIS_URL must be a redis:// URL');
  const setup: string[][] = [];
  if (target.password) setup.push(target.username ? ['AUTH', decodeURIComponent(target.username), decodeURIComponent(target.password)] : ['AUTH', decodeURIComponent(target.password)]);
  if (target.pathname.length > 1) setup.push(['SELECT', target.pathname.slice(1)]);

  let socket: Socket | null = null;
  let pending: Array<{ resolve: (value: Reply) => void; reject: (error: Error) => void }> = [];
  let buffered = Buffer.alloc(0);

  const fail = (error: Error) => {
    for (const waiter of pending) waiter.reject(error);
    pending = [];
    buffered = Buffer.alloc(0);
    socket?.destroy();
    socket = null;
  };

  function open(): Socket {
    const s = connect({ host: target.hostname, port: Number(target.port || 6379) });
    s.setNoDelay(true);
    // Only the current socket's troubles fail the waiting calls (an old one may close late).
    const failHere = (error: Error) => {
      if (socket === s) fail(error);
    };
    s.setTimeout(timeoutMs, () => failHere(new Error('Redis: no answer in time')));
    s.on('error', failHere);
    s.on('close', () => failHere(new Error('Redis: connection closed')));
    s.on('data', (chunk) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      let offset = 0;
      for (;;) {
        const reply = parse(buffered, offset);
        if (!reply) break;
        offset = reply.next;
        const waiter = pending.shift();
        if (reply.value instanceof Error) waiter?.reject(reply.value);
        else waiter?.resolve(reply.value);
      }
      buffered = buffered.subarray(offset);
      if (pending.length === 0) s.setTimeout(0);
    });
    return s;
  }

  function send(args: string[]): Promise<Reply> {
    if (!socket) {
      socket = open();
      for (const command of setup) {
        pending.push({ resolve: () => {}, reject: () => {} });
        socket.write(encode(command));
      }
    }
    const s = socket;
    return new Promise<Reply>((resolve, reject) => {
      pending.push({ resolve, reject });
      s.setTimeout(timeoutMs);
      s.write(encode(args));
    });
  }

  return {
    async increment(key, windowMs) {
      const reply = await send(['EVAL', INCREMENT, '1', `${prefix}${key}`, String(windowMs)]);
      if (!Array.isArray(reply)) throw new Error('Redis: unexpected reply to the counter script');
      return { current: Number(reply[0]), ttl: Number(reply[1]) };
    },
    async close() {
      const s = socket;
      socket = null;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end(encode(['QUIT']));
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 200).unref();
      });
    },
  };
}
