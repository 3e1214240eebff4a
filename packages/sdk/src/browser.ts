/** True when running in a page with `window.open` (not in Node or a worker). */
export const inBrowser = (): boolean => typeof window !== 'undefined' && typeof window.open === 'function';

/** Message posted by paykit's hosted return pages to `window.opener`. */
export interface PaykitMessage {
	source: 'paykit';
	type: 'checkout' | 'portal';
	id?: unknown;
}

const isPaykitMessage = (data: unknown): data is PaykitMessage =>
	typeof data === 'object' &&
	data !== null &&
	'source' in data &&
	data.source === 'paykit' &&
	'type' in data &&
	(data.type === 'checkout' || data.type === 'portal');

/** Subscribes to paykit messages; returns the unsubscribe function (a no-op outside browsers). */
export function onPaykitMessage(handler: (message: PaykitMessage) => void): () => void {
	if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return () => {};
	const listener = (event: MessageEvent): void => {
		if (isPaykitMessage(event.data)) handler(event.data);
	};
	window.addEventListener('message', listener);
	return () => window.removeEventListener('message', listener);
}
