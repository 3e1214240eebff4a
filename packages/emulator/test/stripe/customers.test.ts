import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHarness, startEmulator } from '../helpers/stripe.js';

let h: EmulatorHarness;
beforeAll(async () => {
  h = await startEmulator();
});
afterAll(() => h.close());

describe('stripe emulator: customers', () => {
  it('creates, retrieves, updates and deletes a customer through the official SDK', async () => {
    const created = await h.stripe.customers.create({ email: 'ada@example.org', name: 'Ada', metadata: { plan: 'gold' } });
    expect(created.id).toMatch(/^cus_/);
    expect(created.object).toBe('customer');
    expect(created.livemode).toBe(false);
    expect(created.metadata).toEqual({ plan: 'gold' });
    const fetched = await h.stripe.customers.retrieve(created.id);
    expect(fetched).toEqual(created);
    const updated = await h.stripe.customers.update(created.id, { name: 'Ada L.' });
    expect(updated.name).toBe('Ada L.');
    const deleted = await h.stripe.customers.del(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'customer', deleted: true });
    await expect(h.stripe.customers.retrieve(created.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('lists customers by email and finds them with search', async () => {
    const email = `grace-${Date.now()}@example.org`;
    const c = await h.stripe.customers.create({ email });
    await h.stripe.customers.create({ email: 'someone-else@example.org' });
    const listed = await h.stripe.customers.list({ email });
    expect(listed.data.map((x) => x.id)).toEqual([c.id]);
    expect(listed.object).toBe('list');
    const found = await h.stripe.customers.search({ query: `email:'${email}'` });
    expect(found.object).toBe('search_result');
    expect(found.data.map((x) => x.id)).toEqual([c.id]);
  });

  it('pages through lists with limit and starting_after', async () => {
    const stripe = h.client('sk_test_paging_account');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await stripe.customers.create({ email: `p${i}@example.org` })).id);
    const first = await stripe.customers.list({ limit: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.has_more).toBe(true);
    const second = await stripe.customers.list({ limit: 3, starting_after: first.data[2]?.id });
    expect(second.data[0]?.id).not.toBe(first.data[2]?.id);
    const all = await stripe.customers.list({ limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(all.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('keeps each secret key as a separate account', async () => {
    const a = h.client('sk_test_account_a');
    const b = h.client('sk_test_account_b');
    const c = await a.customers.create({ email: 'only-a@example.org' });
    await expect(b.customers.retrieve(c.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses an unknown parameter with 400 parameter_unknown', async () => {
    await expect(
      h.stripe.rawRequest('POST', '/v1/customers', { email: 'x@example.org', favourite_colour: 'blue' }),
    ).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_unknown', param: 'favourite_colour' });
  });

  it('refuses a missing or malformed API key with 401', async () => {
    await expect(h.client('not_a_key').customers.list()).rejects.toMatchObject({ statusCode: 401, type: 'StripeAuthenticationError' });
    const response = await fetch(`${h.emulator.url}/v1/customers`);
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.type).toBe('authentication_error');
  });

  it('replays an idempotent request and refuses the same key with other parameters', async () => {
    const key = `idem-${Date.now()}`;
    const first = await h.stripe.customers.create({ email: 'idem@example.org' }, { idempotencyKey: key });
    const again = await h.stripe.customers.create({ email: 'idem@example.org' }, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(h.stripe.customers.create({ email: 'other@example.org' }, { idempotencyKey: key })).rejects.toMatchObject({
      statusCode: 400,
      type: 'StripeIdempotencyError',
    });
  });

  it('sends a Request-Id header on every answer', async () => {
    const c = await h.stripe.customers.create({});
    expect(c.lastResponse.requestId).toMatch(/^req_/);
  });
});
