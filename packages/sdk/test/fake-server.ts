import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request seen by the fake paykit server. */
export interface SeenRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	/** Raw query string (without `?`). */
	rawQuery: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: unknown;
}

/** What the fake answers: a status and a JSON body, or a raw text body. */
export interface FakeResponse {
	status?: number;
	json?: unknown;
	text?: string;
}

export type Handler = (req: SeenRequest) => FakeResponse;

/** A node:http server standing in for paykit; `handler` may be swapped per test. */
export interface FakeServer {
	baseUrl: string;
	requests: SeenRequest[];
	handler: Handler;
	close(): Promise<void>;
}

export const APP_BASE = '/v1/apps/app%201/payments';

export async function startFakeServer(handler: Handler = () => ({ status: 404 })): Promise<FakeServer> {
	const fake: FakeServer = {
		baseUrl: '',
		requests: [],
		handler,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const [path, rawQuery = ''] = (req.url ?? '').split('?');
			const seen: SeenRequest = {
				method: req.method ?? '',
				path,
				rawQuery,
				query: new URLSearchParams(rawQuery),
				headers: req.headers,
				body: raw ? JSON.parse(raw) : undefined,
			};
			fake.requests.push(seen);
			const answer = fake.handler(seen);
			const status = answer.status ?? 200;
			if (answer.text !== undefined) {
				res.writeHead(status, { 'content-type': 'text/plain' }).end(answer.text);
			} else if (answer.json !== undefined) {
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
			} else {
				res.writeHead(status).end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return fake;
}

/** Resolves a base URL on which nothing listens. */
export async function deadBaseUrl(): Promise<string> {
	const fake = await startFakeServer();
	await fake.close();
	return fake.baseUrl;
}
