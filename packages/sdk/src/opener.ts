import { inBrowser } from './browser.js';
import { PaymentsError } from './errors.js';
import type { OpenUrl } from './types.js';

const POPUP_NAME = 'paykit-checkout';
const POPUP_FEATURES = 'width=500,height=720';

/** How a hosted page was opened. */
export type Opened =
	/** In a popup the SDK can watch. */
	| { kind: 'popup'; popup: Window }
	/** The current page navigated away (popup blocked). */
	| { kind: 'redirect' }
	/** Via the `openUrl` callback; `back` settles when the callback's promise does. */
	| { kind: 'external'; back: Promise<void> };

/** An opener prepared before the hosted URL is known. */
export interface PendingOpen {
	/** Shows `url` to the user. */
	open(url: string): Opened;
	/** Closes the blank popup when the URL could not be obtained. */
	abort(): void;
}

/**
 * Prepares to open a hosted page. In a browser without `openUrl`, the blank popup is opened right
 * now (synchronously, inside the user's click) so popup blockers allow it.
 * Throws `open_url_required` outside browsers when `openUrl` is missing.
 */
export function prepareOpen(openUrl: OpenUrl | undefined): PendingOpen {
	if (openUrl) {
		return {
			open: (url) => ({
				kind: 'external',
				back: new Promise<unknown>((resolve) => resolve(openUrl(url))).then(() => undefined),
			}),
			abort: () => {},
		};
	}
	if (!inBrowser()) {
		throw new PaymentsError('open_url_required', 'The openUrl option is required outside browsers', 0);
	}
	const popup = window.open('', POPUP_NAME, POPUP_FEATURES);
	return {
		open(url) {
			if (popup && !popup.closed) {
				popup.location.href = url;
				return { kind: 'popup', popup };
			}
			window.location.assign(url);
			return { kind: 'redirect' };
		},
		abort: () => popup?.close(),
	};
}
