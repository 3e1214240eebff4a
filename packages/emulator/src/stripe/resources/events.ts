import { renderEvent } from '../context.js';
import { resourceMissing } from '../errors.js';
import { createdFilter, listObject, newestFirst } from '../list.js';
import { allowOnly, list, str } from '../params.js';
import type { StripeRouter } from '../router.js';

export function registerEvents(router: StripeRouter) {
  router.get('/v1/events', ({ account, params }) => {
    allowOnly(params, ['type', 'types', 'created', 'limit', 'starting_after', 'ending_before', 'delivery_success', 'expand']);
    const type = str(params, 'type');
    const types = list(params, 'types')?.map(String);
    const inRange = createdFilter(params);
    // `type` accepts a `*` wildcard, as in `customer.subscription.*`.
    const typeMatch = (t: string) => !type || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type);
    const all = newestFirst(account.events).filter(
      (e) => typeMatch(e.type) && (!types || types.includes(e.type)) && inRange(e.created),
    );
    return listObject(all.map((e) => renderEvent(e)), params, '/v1/events');
  });

  router.get('/v1/events/:id', ({ account, path }) => {
    const event = account.events.find((e) => e.id === path.id);
    if (!event) throw resourceMissing('event', path.id);
    return renderEvent(event);
  });
}
