import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { pruneExpired } from '../../src/payments/background/housekeeping.js';
import { freePort } from '../helpers/cli.js';
import { DIALECTS } from '../helpers/dialects.js';
import { eventually, type Harness, startHarness } from '../helpers/harness.js';
import { crashAll, spawnPaykit } from './helpers/paykit-process.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('housekeeping configuration', () => {
  const base = { PAYKIT_DEV: '1' };
  it('runs hourly and keeps receipts 30 days unless told otherwise, and refuses a retention of 0 days', () => {
    expect(loadConfig(base)).toMatchObject({ housekeepingIntervalSeconds: 3600, receiptRetentionDays: 30 });
    expect(loadConfig({ ...base, PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS: '0', PAYKIT_RECEIPT_RETENTION_DAYS: '7' })).toMatchObject({
      housekeepingIntervalSeconds: 0,
      receiptRetentionDays: 7,
    });
    expect(() => loadConfig({ ...base, PAYKIT_RECEIPT_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS: 'hourly' })).toThrow(/PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS/);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: housekeeping`, () => {
    let h: Harness;
    const db = () => h.db.database.db;
    const now = Date.now();

    const seed = async (tag: string) => {
      await db()
        .insertInto('idempotency_key')
        .values([
          { scope: tag, key: 'expired', request_hash: 'h', status_code: 200, response_body: '{}', created_at: now - 25 * HOUR },
          { scope: tag, key: 'fresh', request_hash: 'h', status_code: 200, response_body: '{}', created_at: now - 23 * HOUR },
        ])
        .execute();
      const receipt = { app_id: h.tenant.appId, provider: 'stripe', provider_event_id: null, outcome: 'rejected', code: 'invalid_signature', reason: tag };
      await db()
        .insertInto('webhook_receipt')
        .values([
          { ...receipt, received_at: now - 31 * DAY },
          { ...receipt, received_at: now - 29 * DAY },
        ])
        .execute();
      await db()
        .insertInto('event')
        .values({ app_id: h.tenant.appId, provider: 'stripe', provider_event_id: `evt_${tag}`, type: 'invoice.paid', customer_id: null, created_seconds: 1, received_at: now - 400 * DAY, payload: '{}', outcome: 'recorded', charge: null })
        .execute();
    };
    const remaining = async (tag: string) => ({
      keys: (await db().selectFrom('idempotency_key').select('key').where('scope', '=', tag).execute()).map((r) => r.key),
      receipts: (await db().selectFrom('webhook_receipt').select('received_at').where('reason', '=', tag).execute()).map((r) => Math.round((now - Number(r.received_at)) / DAY)),
      events: (await db().selectFrom('event').select('id').where('provider_event_id', '=', `evt_${tag}`).execute()).length,
    });

    beforeAll(async () => {
      h = await startHarness(dialect);
    });
    afterAll(async () => {
      await crashAll();
      await h.close();
    });

    it('deletes idempotency keys past 24 hours and receipts past their retention, keeps the rest and the event log, one server at a time', async () => {
      await seed('direct');
      const runs = await Promise.all([1, 2, 3].map(() => pruneExpired(h.app.payments, { receiptRetentionDays: 30, now })));
      expect(runs.filter((r) => r.ran)).toHaveLength(1);
      expect(runs.find((r) => r.ran)).toMatchObject({ idempotencyKeys: 1, webhookReceipts: 1 });
      expect(await remaining('direct')).toEqual({ keys: ['fresh'], receipts: [29], events: 1 });
    });

    it('runs on its own in `paykit serve` every PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS', async () => {
      await seed('served');
      const server = await spawnPaykit({
        PAYKIT_DATABASE_URL: h.db.url,
        PAYKIT_MASTER_KEY: randomBytes(32).toString('base64'),
        PAYKIT_PORT: String(await freePort()),
        PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS: '1',
        PAYKIT_RECEIPT_RETENTION_DAYS: '30',
      });
      try {
        await eventually(async () => (await remaining('served')).keys.length === 1, 15_000);
        expect(await remaining('served')).toEqual({ keys: ['fresh'], receipts: [29], events: 1 });
      } finally {
        await server.crash();
      }
    }, 60_000);
  });
}
