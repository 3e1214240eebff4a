import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type PaykitDatabase } from '../../src/storage/database.js';
import { claimJob, runExclusive } from '../../src/storage/repositories/jobs.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: background job claims`, () => {
    let t: TestDatabase;
    const extra: PaykitDatabase[] = [];
    afterEach(async () => {
      for (const d of extra.splice(0)) await d.destroy();
      await t.drop();
    });

    it('gives a job to exactly one of several servers claiming it at once, and to the next one after release', async () => {
      t = await createTestDatabase(dialect);
      // Each "server" has a connection pool of its own, as separate processes would.
      const servers = [t.database, ...Array.from({ length: 4 }, () => openDatabase(t.url))];
      extra.push(...servers.slice(1));
      for (let round = 0; round < 5; round++) {
        const claims = await Promise.all(servers.map((s) => claimJob(s.db, 'reconcile', { leaseMs: 60_000 })));
        const winners = claims.filter((c) => c !== null);
        expect(winners).toHaveLength(1);
        expect(await winners[0]?.release()).toBe(true);
      }
    });

    it('lets another server take over a lease that ran out (its holder died), and tells the old holder it lost it', async () => {
      t = await createTestDatabase(dialect);
      let clock = 1_000_000;
      const now = () => clock;
      const first = await claimJob(t.database.db, 'expire-sessions', { leaseMs: 1_000, now });
      expect(first).not.toBeNull();
      expect(await claimJob(t.database.db, 'expire-sessions', { leaseMs: 1_000, now })).toBeNull();
      clock += 1_001;
      const second = await claimJob(t.database.db, 'expire-sessions', { leaseMs: 1_000, now });
      expect(second).not.toBeNull();
      expect(await first?.renew()).toBe(false);
      expect(await first?.release()).toBe(false);
      expect(await second?.renew()).toBe(true);
      expect(await second?.release()).toBe(true);
    });

    it('runs a periodic job at most once per interval whichever server ticks', async () => {
      t = await createTestDatabase(dialect);
      let clock = 5_000_000;
      const now = () => clock;
      let runs = 0;
      const tick = () => runExclusive(t.database.db, 'reconcile', async () => ++runs, { minIntervalMs: 60_000, now });
      expect(await tick()).toEqual({ ran: true, value: 1 });
      expect(await tick()).toEqual({ ran: false });
      clock += 59_999;
      expect(await tick()).toEqual({ ran: false });
      clock += 1;
      expect(await tick()).toEqual({ ran: true, value: 2 });
      expect(runs).toBe(2);
    });
  });
}
