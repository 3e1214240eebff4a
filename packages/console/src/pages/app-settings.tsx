import { useEffect, useState } from 'preact/hooks';
import { type AppDetail, api, appPath, type DataSource, studioPath } from '../api.js';
import { CopyField } from '../components/copy-field.js';
import { ErrorNotice, Notice } from '../components/notice.js';
import { formatAgo } from '../format.js';
import { useLoad } from '../hooks.js';

const LIVE_MS = 5000;

/** The app's payment configuration: provider and keys (the secret is never shown back), products data source, webhook. */
export function AppPage({ appId }: { appId: string }) {
  const app = useLoad(() => api<AppDetail>('GET', studioPath(appId)), [appId], LIVE_MS);
  const sources = useLoad(() => api<{ dataSources: DataSource[] }>('GET', '/v1/data-sources', { query: { appId } }), [appId]);
  const config = app.data?.configuration ?? null;
  return (
    <>
      <h1>{app.data ? `${app.data.name}: payments setup` : 'Payments setup'}</h1>
      <p class="muted">
        App ID <code>{appId}</code>
      </p>
      <ErrorNotice error={app.error} />
      {app.data && (
        <section aria-labelledby="webhook-heading">
          <h2 id="webhook-heading">Webhook</h2>
          {config ? (
            <>
              <CopyField id="webhook-url" label={config.provider === 'flitt' ? 'Callback URL (sent with each order)' : 'Webhook URL'} value={config.webhookUrl} />
              <p>
                Last event received: <strong data-testid="last-event">{formatAgo(app.data.lastEventAt)}</strong>
                {config.webhookRegistered && <span class="muted"> · endpoint registered at {config.provider}</span>}
                {config.provider === 'stripe' && <span class="muted"> · signing secret {config.signingSecretSet ? 'set' : 'not set'}</span>}
              </p>
            </>
          ) : (
            <p>Configure payments below to get the webhook URL.</p>
          )}
        </section>
      )}
      {app.data && sources.data && (
        <ConfigurationForm appId={appId} config={config} sources={sources.data.dataSources} onSaved={() => void app.reload()} onSourceCreated={() => void sources.reload()} />
      )}
      {config?.provider === 'stripe' && <SigningSecretForm appId={appId} onSaved={() => void app.reload()} />}
    </>
  );
}

function ConfigurationForm(props: {
  appId: string;
  config: AppDetail['configuration'];
  sources: DataSource[];
  onSaved: () => void;
  onSourceCreated: () => void;
}) {
  const { appId, config, sources } = props;
  const [provider, setProvider] = useState<'stripe' | 'flitt'>(config?.provider ?? 'stripe');
  const [publicKey, setPublicKey] = useState(config?.providerPublicKey ?? '');
  const [secretKey, setSecretKey] = useState('');
  const [sourceId, setSourceId] = useState(String(config?.productsDataSourceId ?? sources[0]?.id ?? ''));
  const [registerWebhook, setRegisterWebhook] = useState(!config?.webhookRegistered);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!sourceId && sources[0]) setSourceId(String(sources[0].id));
  }, [sources, sourceId]);

  const createSource = async () => {
    setError(undefined);
    try {
      const source = await api<DataSource>('POST', '/v1/data-sources', { body: { appId, name: 'Products' } });
      setSourceId(String(source.id));
      props.onSourceCreated();
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setSaved('');
    setBusy(true);
    try {
      const body = {
        provider,
        providerPublicKey: publicKey.trim(),
        providerPrivateKey: secretKey.trim(),
        productsDataSourceId: Number(sourceId),
        ...(provider === 'stripe' ? { registerWebhook } : {}),
      };
      await api('PUT', `${appPath(appId)}/configuration`, { body });
      setSecretKey('');
      // The endpoint exists now: saving again should not register a second one unless asked.
      if (registerWebhook) setRegisterWebhook(false);
      setSaved('Payment configuration saved. The secret key is stored sealed and is never shown again.');
      props.onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="config-heading">
      <h2 id="config-heading">Payment provider</h2>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Provider</legend>
          {(['stripe', 'flitt'] as const).map((p) => (
            <label key={p} class="choice">
              <input type="radio" name="provider" value={p} checked={provider === p} onChange={() => setProvider(p)} />
              {p === 'stripe' ? 'Stripe' : 'Flitt'}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="public-key">{provider === 'stripe' ? 'Publishable key' : 'Merchant ID'}</label>
          <input id="public-key" required maxLength={255} value={publicKey} onInput={(e) => setPublicKey(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="secret-key">{provider === 'stripe' ? 'Secret key' : 'Payment key'}</label>
          <input
            id="secret-key"
            type="password"
            autoComplete="off"
            required
            maxLength={255}
            aria-describedby="secret-key-help"
            value={secretKey}
            onInput={(e) => setSecretKey(e.currentTarget.value)}
          />
          <p id="secret-key-help" class="help">
            {config ? 'A secret key is saved; it is never shown back. Enter it again to change this configuration.' : 'Checked with the provider before it is saved, then stored sealed.'}
          </p>
        </div>
        <div class="field">
          <label for="data-source">Products data source</label>
          <div class="row">
            <select id="data-source" required value={sourceId} onChange={(e) => setSourceId(e.currentTarget.value)}>
              {sources.length === 0 && <option value="">No data source yet</option>}
              {sources.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name} (#{s.id})
                </option>
              ))}
            </select>
            <button type="button" onClick={createSource}>
              New data source
            </button>
          </div>
        </div>
        {provider === 'stripe' && (
          <div class="field">
            <label class="choice">
              <input type="checkbox" checked={registerWebhook} onChange={(e) => setRegisterWebhook(e.currentTarget.checked)} />
              Register webhook (paykit creates the Stripe endpoint and keeps its signing secret)
            </label>
          </div>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save configuration'}
        </button>
      </form>
      <ErrorNotice error={error} />
      {saved && <Notice kind="success">{saved}</Notice>}
    </section>
  );
}

function SigningSecretForm({ appId, onSaved }: { appId: string; onSaved: () => void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await api('PUT', `${appPath(appId)}/configuration/signing-secret`, { body: { signingSecret: secret.trim() } });
      setSecret('');
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="signing-heading">
      <h2 id="signing-heading">Signing secret</h2>
      <form onSubmit={submit} class="inline">
        <div class="field">
          <label for="signing-secret">Webhook signing secret</label>
          <input
            id="signing-secret"
            type="password"
            autoComplete="off"
            required
            pattern="whsec_.+"
            aria-describedby="signing-help"
            value={secret}
            onInput={(e) => setSecret(e.currentTarget.value)}
          />
          <p id="signing-help" class="help">
            From the endpoint in Stripe's dashboard (<code>whsec_...</code>); the previous secret keeps verifying during the rotation.
          </p>
        </div>
        <button type="submit">Save signing secret</button>
      </form>
      <ErrorNotice error={error} />
      {saved && <Notice kind="success">Signing secret saved.</Notice>}
    </section>
  );
}
