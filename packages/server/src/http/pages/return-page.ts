/**
 * The page a provider sends the user back to. In a popup it tells the opener (the SDK) and
 * closes itself; after a full-page redirect it forwards to the app's own URL when one was given.
 */
export interface ReturnPageInput {
  title: string;
  message: string;
  /** What the SDK receives through `postMessage`. */
  notice: Record<string, string>;
  /** The app's own page to continue on after a redirect (not a popup). */
  continueUrl?: string | null;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON for an inline script: `<` escaped so no value can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderReturnPage({ title, message, notice, continueUrl }: ReturnPageInput): string {
  const safeContinue = continueUrl && /^https?:\/\//i.test(continueUrl) ? continueUrl : null;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}</style>
</head>
<body>
<main><h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(message)}</p>
${safeContinue ? `<p><a id="continue" href="${escapeHtml(safeContinue)}">Continue</a></p>` : ''}</main>
<script>
(function () {
  var notice = ${scriptJson({ source: 'paykit', ...notice })};
  var continueUrl = ${scriptJson(safeContinue)};
  if (window.opener && !window.opener.closed) {
    try { window.opener.postMessage(notice, '*'); } catch (e) {}
    setTimeout(function () { window.close(); }, 300);
  } else if (continueUrl) {
    window.location.replace(continueUrl);
  }
})();
</script>
</body>
</html>`;
}
