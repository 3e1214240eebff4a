import { onPaykitMessage } from './browser.js';
import type { Opened } from './opener.js';

const CLOSED_CHECK_MS = 500;

/**
 * Resolves when the user is back from the billing portal: the popup posted
 * `{source:'paykit', type:'portal'}` or was closed, or the `openUrl` promise resolved.
 * Never settles after a redirect (the page is navigating away).
 */
export function waitForPortal(opened: Opened): Promise<void> {
	if (opened.kind === 'external') return opened.back;
	if (opened.kind === 'redirect') return new Promise<void>(() => {});
	const { popup } = opened;
	return new Promise<void>((resolve) => {
		const done = (): void => {
			clearInterval(timer);
			unsubscribe();
			if (!popup.closed) popup.close();
			resolve();
		};
		const timer = setInterval(() => {
			if (popup.closed) done();
		}, CLOSED_CHECK_MS);
		const unsubscribe = onPaykitMessage((message) => {
			if (message.type === 'portal') done();
		});
	});
}
