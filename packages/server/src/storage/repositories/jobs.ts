import { randomUUID } from 'node:crypto';
import type { Db } from '../schema.js';

export interface JobClaim {
  name: string;
  owner: string;
  /** When the lease ends unless renewed: another server may then take the job over. */
  lockedUntil: number;
  /** Pushes the lease further while a long run is still going; false when it was lost meanwhile. */
  renew(leaseMs?: number): Promise<boolean>;
  /** Ends the run (a finished run counts for `minIntervalMs`); false when the lease had been lost. */
  release(): Promise<boolean>;
}

export interface ClaimOptions {
  /** How long the claim holds if its server dies mid-run (default 60 s). */
  leaseMs?: number;
  /** Not again until this long after the last finished run, whichever server ran it (default 0). */
  minIntervalMs?: number;
  owner?: string;
  now?: () => number;
}

/**
 * Claims the background job `name` for this process, or returns null when another process holds
 * it (or ran it less than `minIntervalMs` ago). One statement decides, on both databases: an
 * upsert on the `job_lock` row that only takes it over when its lease has ended, so of several
 * servers ticking at once exactly one gets the claim. A server that dies mid-run loses the job
 * after `leaseMs`. Times come from each server's clock: keep clocks in sync (NTP) and leases long
 * compared to their skew.
 *
 * @example
 * const claim = await claimJob(db, 'reconcile', { leaseMs: 120_000, minIntervalMs: 60_000 });
 * if (claim) try { await reconcile(); } finally { await claim.release(); }
 */
export async function claimJob(db: Db, name: string, options: ClaimOptions = {}): Promise<JobClaim | null> {
  const { leaseMs = 60_000, minIntervalMs = 0, owner = randomUUID(), now = Date.now } = options;
  const at = now();
  const claimed = await db
    .insertInto('job_lock')
    .values({ name, owner, locked_until: at + leaseMs, last_started_at: at, last_finished_at: null })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ owner, locked_until: at + leaseMs, last_started_at: at })
        .where('job_lock.locked_until', '<=', at)
        .where((eb) => eb.or([eb('job_lock.last_finished_at', 'is', null), eb('job_lock.last_finished_at', '<=', at - minIntervalMs)])),
    )
    .returning('owner')
    .executeTakeFirst();
  if (claimed?.owner !== owner) return null;
  const claim: JobClaim = {
    name,
    owner,
    lockedUntil: at + leaseMs,
    async renew(ms = leaseMs) {
      const until = now() + ms;
      const result = await db.updateTable('job_lock').set({ locked_until: until }).where('name', '=', name).where('owner', '=', owner).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      claim.lockedUntil = until;
      return true;
    },
    async release() {
      const result = await db
        .updateTable('job_lock')
        .set({ owner: null, locked_until: 0, last_finished_at: now() })
        .where('name', '=', name)
        .where('owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
  return claim;
}

/** Runs `work` only if this process wins the claim on `name`; `ran` says whether it did. */
export async function runExclusive<T>(
  db: Db,
  name: string,
  work: (claim: JobClaim) => Promise<T>,
  options: ClaimOptions = {},
): Promise<{ ran: true; value: T } | { ran: false }> {
  const claim = await claimJob(db, name, options);
  if (!claim) return { ran: false };
  try {
    return { ran: true, value: await work(claim) };
  } finally {
    await claim.release();
  }
}
