import { sql } from 'kysely';
import type { PaykitDatabase } from '../../src/storage/database.js';

/**
 * A cheap fingerprint of the database for "a refused request changed nothing": per table the row
 * count and, where rows are updated in place, the sum of `updated_at` (any update moves it). One
 * query, so it can run around every fuzzed request.
 */
export async function snapshotter(database: PaykitDatabase, { exclude = [] as string[] } = {}) {
  const tables = (await database.db.introspection.getTables())
    .filter((t) => !t.name.startsWith('kysely_') && !exclude.includes(t.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const parts = tables.map((t) => {
    const updated = t.columns.some((c) => c.name === 'updated_at') ? ` || ':' || coalesce(sum(updated_at), 0)` : '';
    return `(select count(*)${updated} from ${t.name}) as "${t.name}"`;
  });
  const query = sql.raw<Record<string, string | number>>(`select ${parts.join(', ')}`);
  return {
    tables: tables.map((t) => t.name),
    take: async () => JSON.stringify((await query.execute(database.db)).rows[0]),
  };
}
