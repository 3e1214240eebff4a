import { invalidParam } from './errors.js';
import { int, type Params, str } from './params.js';

/**
 * Stripe's list object: newest first, `limit` (1..100, default 10), `starting_after` /
 * `ending_before` cursors, `has_more`.
 */
export function listObject<T extends { id: string }>(items: T[], params: Params, url: string) {
  const limit = int(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('limit', 'Limit must be between 1 and 100.');
  const startingAfter = str(params, 'starting_after');
  const endingBefore = str(params, 'ending_before');
  let window = items;
  if (startingAfter) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw invalidParam('starting_after', `No such object: '${startingAfter}'`);
    window = items.slice(index + 1);
    return { object: 'list' as const, data: window.slice(0, limit), has_more: window.length > limit, url };
  }
  if (endingBefore) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw invalidParam('ending_before', `No such object: '${endingBefore}'`);
    window = items.slice(0, index);
    const data = window.slice(Math.max(0, window.length - limit));
    return { object: 'list' as const, data, has_more: window.length > limit, url };
  }
  return { object: 'list' as const, data: window.slice(0, limit), has_more: window.length > limit, url };
}

/** Newest first; ties broken by insertion order (later first), like Stripe's lists. */
export function newestFirst<T extends { created: number }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.created - a.item.created || b.index - a.index)
    .map(({ item }) => item);
}

/** `created` filters: an exact value or `{gt,gte,lt,lte}`. */
export function createdFilter(params: Params): (created: number) => boolean {
  const value = params.created;
  if (value === undefined) return () => true;
  if (typeof value === 'string') {
    const exact = Number(value);
    return (created) => created === exact;
  }
  const range = value as Params;
  const bound = (name: string) => int(range, name);
  const gt = bound('gt');
  const gte = bound('gte');
  const lt = bound('lt');
  const lte = bound('lte');
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}
