import type { AccountState, PortalSessionState } from '../model.js';
import { escapeHtml, formatAmount, page } from './layout.js';

export function renderPortalPage(account: AccountState, portal: PortalSessionState, notice: string | null): string {
  const subs = Object.values(account.subscriptions).filter((s) => s.customer === portal.customer);
  const rows = subs
    .map((sub) => {
      const item = sub.items[0];
      const price = account.prices[item?.price ?? ''];
      const name = account.products[price?.product ?? '']?.name ?? item?.price ?? sub.id;
      const amount = price ? `${formatAmount(price.unitAmount * (item?.quantity ?? 1), price.currency)} / ${price.recurring?.interval ?? 'once'}` : '';
      const action =
        sub.status === 'canceled'
          ? ''
          : `<form method="post" action="/billing_portal/${escapeHtml(portal.id)}/subscriptions/${escapeHtml(sub.id)}/cancel"><button type="submit" class="cancel-subscription" aria-label="Cancel ${escapeHtml(name)}">Cancel subscription</button></form>`;
      return `<li data-subscription="${escapeHtml(sub.id)}"><strong>${escapeHtml(name)}</strong> ${escapeHtml(amount)} — <span class="status">${escapeHtml(sub.status)}</span>${action}</li>`;
    })
    .join('');
  const back = portal.returnUrl ? `<p><a id="return" href="${escapeHtml(portal.returnUrl)}">Return to the app</a></p>` : '';
  return page(
    'Billing',
    `<h1>Billing</h1>${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
<h2>Subscriptions</h2>${rows ? `<ul id="subscriptions">${rows}</ul>` : '<p id="no-subscriptions">No subscriptions.</p>'}${back}`,
  );
}
