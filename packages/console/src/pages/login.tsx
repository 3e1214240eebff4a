import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNotice } from '../components/notice.js';

/** Log in with a Studio token (`pks_...`, printed by `paykit apps create` and by `npm start`). */
export function LoginPage({ onLogin }: { onLogin: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('GET', '/v1/studio/apps', { token: token.trim() });
      onLogin(token.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <h1>paykit console</h1>
      <form onSubmit={submit}>
        <div class="field">
          <label for="studio-token">Studio token</label>
          <input
            id="studio-token"
            type="password"
            autoComplete="off"
            required
            pattern="pks_.+"
            aria-describedby="studio-token-help"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <p id="studio-token-help" class="help">
            Starts with <code>pks_</code>: printed by <code>npx paykit apps create</code> and by <code>npm start</code> (saved in
            <code> data/dev-app.json</code>). It stays in this tab only.
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Log in'}
        </button>
      </form>
      <ErrorNotice error={error} />
    </main>
  );
}
