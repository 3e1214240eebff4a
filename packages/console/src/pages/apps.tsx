import { useState } from 'preact/hooks';
import { type AppSummary, api } from '../api.js';
import { CopyField } from '../components/copy-field.js';
import { ErrorNotice, Notice } from '../components/notice.js';
import { formatDate } from '../format.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';

interface CreatedApp {
  id: string;
  name: string;
  appKey: string;
}

export function AppsPage() {
  const apps = useLoad(() => api<{ apps: AppSummary[] }>('GET', '/v1/studio/apps'), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApp>();
  const [error, setError] = useState<unknown>();
  const create = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      setCreated(await api<CreatedApp>('POST', '/v1/studio/apps', { body: { name } }));
      setName('');
      await apps.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h1>Apps</h1>
      <ErrorNotice error={apps.error} />
      {apps.data && apps.data.apps.length === 0 && <p>No apps yet: create one below.</p>}
      {apps.data && apps.data.apps.length > 0 && (
        <table>
          <caption class="sr-only">Apps of this organisation</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">App ID</th>
              <th scope="col">Provider</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {apps.data.apps.map((app) => (
              <tr key={app.id}>
                <td>
                  <a href={href('apps', app.id, 'settings')}>{app.name}</a>
                </td>
                <td>
                  <code>{app.id}</code>
                </td>
                <td>{app.provider ?? 'not configured'}</td>
                <td>{formatDate(app.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Create an app</h2>
      <form onSubmit={create} class="inline">
        <div class="field">
          <label for="app-name">App name</label>
          <input id="app-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <button type="submit">Create app</button>
      </form>
      <ErrorNotice error={error} />
      {created && (
        <Notice kind="success">
          <p>
            Created <strong>{created.name}</strong>. Copy the app key now: it is shown only this once.
          </p>
          <CopyField id="created-app-id" label="App ID" value={created.id} />
          <CopyField id="created-app-key" label="App key" value={created.appKey} />
          <p>
            <a href={href('apps', created.id, 'settings')}>Set up payments for {created.name}</a>
          </p>
        </Notice>
      )}
    </>
  );
}
