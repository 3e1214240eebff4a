import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';

export interface SlowProxy {
  url: string;
  /** Resolves when the next request matching the slow routes arrives (and is being held). */
  nextHeld(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Forwards everything to `target`, holding requests for which `isSlow` is true for `delayMs`
 * first: a provider that answers slowly, to keep a paykit request in flight on purpose.
 */
export async function startSlowProxy(target: string, isSlow: (request: IncomingMessage) => boolean, delayMs: number): Promise<SlowProxy> {
  let waiters: Array<() => void> = [];
  const onHeld = () => {
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    if (isSlow(incoming)) {
      onHeld();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    const upstream = httpRequest(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    upstream.end(Buffer.concat(chunks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    nextHeld: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
