// One configured app, set up the way an app builder would: a catalogue of 20 products in a data
// source, Stripe (the emulator) configured, and a signing secret for webhooks.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { createApp } from '../../packages/server/src/payments/tenants/apps.ts';

export async function http(baseUrl, method, path, { token, body, headers = {} } = {}) {
  const send = () =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
  // A GET after a long pause (the bulk insert of benchmark 3) may meet a keep-alive connection the
  // server is closing just then (Fastify's 72 s keepAliveTimeout): that is retried once.
  const response = await send().catch((error) => (method === 'GET' ? send() : Promise.reject(error)));
  const text = await response.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  return parsed;
}

export async function setupTenant({ database, paykitUrl, emulatorUrl, productCount = 20, signingSecret = `whsec_${randomBytes(24).toString('base64url')}` }) {
  const tenant = await createApp(database.db, { name: 'Bench app' });
  const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const { hostname, port } = new URL(emulatorUrl);
  const stripe = new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
  const prices = [];
  for (let i = 0; i < productCount; i++) {
    const product = await stripe.products.create({ name: `Plan ${i + 1}` });
    const recurring = i % 2 === 1;
    prices.push(
      await stripe.prices.create({
        product: product.id,
        unit_amount: 100 * (i + 1),
        currency: 'usd',
        ...(recurring ? { recurring: { interval: 'month' } } : {}),
      }),
    );
  }
  const source = await http(paykitUrl, 'POST', '/v1/data-sources', { token: tenant.studioToken, body: { appId: tenant.appId, name: 'Products' } });
  for (const [i, price] of prices.entries()) {
    await http(paykitUrl, 'POST', `/v1/data-sources/${source.id}/entries`, {
      token: tenant.studioToken,
      body: {
        data: {
          Name: `Plan ${i + 1}`,
          Description: `Everything in plan ${i}, plus ${i + 1} more seats and priority support`,
          Price: (price.unit_amount / 100).toFixed(2),
          'Price ID': price.id,
          Features: ['Unlimited projects', 'Email support', `${(i + 1) * 10} GB storage`].join(', '),
          Badge: i === 3 ? 'Most popular' : '',
        },
      },
    });
  }
  const configured = await http(paykitUrl, 'PUT', `/v1/apps/${tenant.appId}/payments/configuration`, {
    token: tenant.studioToken,
    body: {
      provider: 'stripe',
      providerPublicKey: 'pk_test_bench',
      providerPrivateKey: secretKey,
      productsDataSourceId: source.id,
      registerWebhook: false,
    },
  });
  await http(paykitUrl, 'PUT', `/v1/apps/${tenant.appId}/payments/configuration/signing-secret`, {
    token: tenant.studioToken,
    body: { signingSecret },
  });
  return {
    ...tenant,
    secretKey,
    stripe,
    prices,
    oneTimePrice: prices.find((p) => !p.recurring),
    webhookPath: new URL(configured.webhookUrl).pathname,
    signingSecret,
  };
}
