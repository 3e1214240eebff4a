import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createProviderFactory } from '../../../src/providers/factory.js';

describe('flitt adapter wiring', () => {
  it('builds the Flitt adapter for a flitt configuration, with Flitt’s capabilities', () => {
    const provider = createProviderFactory({ flittApiUrl: 'http://127.0.0.1:1' })({ provider: 'flitt', publicKey: '1549901', secretKey: 'test' });
    expect(provider.name).toBe('flitt');
    expect(provider.capabilities).toEqual({
      customers: false,
      billingPortal: false,
      registerWebhook: false,
      signingSecret: false,
      pauseSubscription: true,
      eventsApi: false,
      recurringData: true,
    });
  });

  it('reads PAYKIT_FLITT_API_URL without its trailing slash and names it when it is not an http(s) URL', () => {
    expect(loadConfig({ PAYKIT_DEV: '1', PAYKIT_FLITT_API_URL: 'http://127.0.0.1:12112/' }).flittApiUrl).toBe('http://127.0.0.1:12112');
    expect(loadConfig({ PAYKIT_DEV: '1' }).flittApiUrl).toBeUndefined();
    expect(() => loadConfig({ PAYKIT_DEV: '1', PAYKIT_FLITT_API_URL: 'ftp://flitt' })).toThrow(ConfigError);
    expect(() => loadConfig({ PAYKIT_DEV: '1', PAYKIT_FLITT_API_URL: 'ftp://flitt' })).toThrow(/PAYKIT_FLITT_API_URL/);
  });
});
