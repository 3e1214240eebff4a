/** A scripted buyer for Node: does over HTTP what a person does on the hosted pages. */
export function nodeBuyer(action: { card?: string; cancel?: boolean } = {}) {
  const visited: string[] = [];
  const openUrl = async (url: string) => {
    visited.push(url);
    const page = await fetch(url);
    const html = await page.text();
    const portalReturn = html.match(/href="([^"]*\/v1\/billing-portal\/return[^"]*)"/);
    if (portalReturn?.[1]) {
      await fetch(portalReturn[1].replace(/&amp;/g, '&'));
      return;
    }
    const target = action.cancel ? `${url}/cancel` : url;
    const body = new URLSearchParams(action.cancel ? {} : { card: action.card ?? '4242424242424242' });
    const answer = await fetch(target, { method: 'POST', body, redirect: 'manual' });
    const location = answer.headers.get('location');
    if (location) await fetch(location);
  };
  return { openUrl, visited };
}
