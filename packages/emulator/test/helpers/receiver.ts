import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
}

/**
 * A local webhook/callback receiver at `url` (its root plus `path`); `respond` decides each
 * answer's status, or null to drop the connection.
 */
export async function startReceiver(respond: (n: number) => number | null = () => 200, path = '') {
  const received: Received[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      count += 1;
      received.push({ path: req.url ?? '', body, headers: req.headers });
      const status = respond(count);
      if (status === null) {
        req.socket.destroy();
        return;
      }
      res.writeHead(status).end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
