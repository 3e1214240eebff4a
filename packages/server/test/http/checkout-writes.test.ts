import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dialect } from '../../src/storage/schema.js';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';

/**
 * Triggers that make one write fail inside the database, as a constraint, a full disk or a lost
 * connection would; `refuse_write()` is created on PostgreSQL in `beforeAll`.
 */
const REFUSALS: Record<'checkoutInsert' | 'responseStore', Record<Dialect, { create: string; drop: string }>> = {
  checkoutInsert: {
    sqlite: {
      create: "create trigger refuse_checkout before insert on checkout_session begin select raise(abort, 'refused by the test'); end",
      drop: 'drop trigger refuse_checkout',
    },
    postgres: {
      create: 'create trigger refuse_checkout before insert on checkout_session for each row execute function refuse_write()',
      drop: 'drop trigger refuse_checkout on checkout_session',
    },
  },
  responseStore: {
    sqlite: {
      create:
        "create trigger refuse_response before update on idempotency_key when new.status_code is not null begin select raise(abort, 'refused by the test'); end",
      drop: 'drop trigger refuse_response',
    },
    postgres: {
      create:
        'create trigger refuse_response before update on idempotency_key for each row when (new.status_code is not null) execute function refuse_write()',
      drop: 'drop trigger refuse_response on idempotency_key',
    },
  },
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: checkout writes under an Idempotency-Key`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    const path = () => `/v1/apps/${h.tenant.appId}/payments/checkout-sessions`;
    const body = () => ({ line_items: [{ price: catalogue.premium.id, quantity: 1 }] });
    const post = (key?: string) =>
      h.app.inject({
        method: 'POST',
        url: path(),
        headers: { authorization: `Bearer ${h.tenant.appKey}`, ...(key ? { 'idempotency-key': key } : {}) },
        payload: body(),
      });
    const db = () => h.db.database.db;
    const checkoutIds = async () => (await db().selectFrom('checkout_session').select('id').execute()).map((r) => r.id).sort();
    const storedKey = (key: string) => db().selectFrom('idempotency_key').selectAll().where('key', '=', key).executeTakeFirst();
    const providerSessions = async () => (await h.stripe.checkout.sessions.list({ limit: 100 })).data.length;

    const refuse = (what: keyof typeof REFUSALS) => sql.raw(REFUSALS[what][dialect].create).execute(db());
    const allow = (what: keyof typeof REFUSALS) => sql.raw(REFUSALS[what][dialect].drop).execute(db());

    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure({ registerWebhook: false });
      if (dialect === 'postgres') {
        const raise = "begin raise exception 'refused by the test'; end";
        await sql.raw(`create function refuse_write() returns trigger language plpgsql as $$ ${raise} $$`).execute(db());
      }
    });
    afterAll(() => h.close());

    it('stores the checkout with its response and replays the identical body without a second provider session', async () => {
      const sessionsBefore = await providerSessions();
      const transactions = vi.spyOn(db(), 'transaction');
      const first = await post('writes-1');
      const claimAndStore = transactions.mock.calls.length;
      transactions.mockRestore();
      expect(first.statusCode).toBe(200);
      const created = first.json();
      expect(created.id).toMatch(/^chk_/);
      expect(await checkoutIds()).toContain(created.id);
      expect(await storedKey('writes-1')).toMatchObject({ status_code: 200, response_body: first.payload });
      // SQLite: the claim and the final write are one shared-commit unit each; PostgreSQL: one statement each.
      expect(claimAndStore).toBe(dialect === 'sqlite' ? 2 : 0);

      const replay = await post('writes-1');
      expect(replay.statusCode).toBe(200);
      expect(replay.payload).toBe(first.payload);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await providerSessions()).toBe(sessionsBefore + 1);
      expect((await checkoutIds()).filter((id) => id === created.id)).toHaveLength(1);
    });

    it('writes the checkout at once when the request has no Idempotency-Key', async () => {
      const keysBefore = (await db().selectFrom('idempotency_key').select('key').execute()).length;
      const response = await post();
      expect(response.statusCode).toBe(200);
      expect(await checkoutIds()).toContain(response.json().id);
      expect(await db().selectFrom('idempotency_key').select('key').execute()).toHaveLength(keysBefore);
    });

    it('answers an error, stores no checkout and frees the key when the checkout row cannot be written', async () => {
      const before = await checkoutIds();
      await refuse('checkoutInsert');
      const failed = await post('writes-insert-fails').finally(() => allow('checkoutInsert'));
      expect(failed.statusCode).toBe(500);
      expect(failed.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(failed.headers['idempotent-replayed']).toBeUndefined();
      expect(h.logs.some((line) => line.includes('refused by the test'))).toBe(true);
      expect(await checkoutIds()).toEqual(before);
      expect(await storedKey('writes-insert-fails')).toBeUndefined();

      const retry = await post('writes-insert-fails');
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await checkoutIds()).toContain(retry.json().id);
      expect((await post('writes-insert-fails')).payload).toBe(retry.payload);
    });

    it('stores no checkout when its response cannot be stored under the key, and frees the key', async () => {
      const before = await checkoutIds();
      await refuse('responseStore');
      const failed = await post('writes-store-fails').finally(() => allow('responseStore'));
      expect(failed.statusCode).toBe(500);
      expect(failed.json().error.code).toBe('internal_error');
      expect(await checkoutIds()).toEqual(before);
      expect(await storedKey('writes-store-fails')).toBeUndefined();

      const retry = await post('writes-store-fails');
      expect(retry.statusCode).toBe(200);
      expect(await checkoutIds()).toContain(retry.json().id);
      expect(await storedKey('writes-store-fails')).toMatchObject({ status_code: 200, response_body: retry.payload });
    });

    it('stores every one of 20 concurrent checkouts with its own key, sharing commits on SQLite', async () => {
      const keys = Array.from({ length: 20 }, (_, i) => `writes-concurrent-${i}`);
      const transactions = vi.spyOn(db(), 'transaction');
      const responses = await Promise.all(keys.map((key) => post(key)));
      const used = transactions.mock.calls.length;
      transactions.mockRestore();
      expect(responses.map((r) => r.statusCode)).toEqual(keys.map(() => 200));
      const ids = responses.map((r) => r.json().id);
      expect(new Set(ids).size).toBe(20);
      const stored = await checkoutIds();
      for (const id of ids) expect(stored).toContain(id);
      for (const [i, key] of keys.entries()) {
        expect(await storedKey(key)).toMatchObject({ status_code: 200, response_body: responses[i]?.payload });
      }
      // Alone, a checkout takes two transactions on SQLite (first test): 40 here unless concurrent ones share.
      if (dialect === 'sqlite') expect(used).toBeLessThan(40);
      else expect(used).toBe(0);
      const replays = await Promise.all(keys.map((key) => post(key)));
      expect(replays.map((r) => r.payload)).toEqual(responses.map((r) => r.payload));
    });
  });
}
