import { useState } from 'preact/hooks';
import { api, appPath, type Subscription } from '../api.js';
import { formatDate } from '../format.js';
import { href } from '../router.js';
import { Badge, ErrorNotice } from './notice.js';

const ENDED = ['canceled', 'ended', 'incomplete_expired'];

export function SubscriptionsTable({ appId, subscriptions, onChanged }: { appId: string; subscriptions: Subscription[]; onChanged: () => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState('');
  if (subscriptions.length === 0) return <p>No subscriptions.</p>;
  const act = async (s: Subscription, action: 'stop' | 'start' | 'cancel') => {
    if (action === 'cancel' && !confirm(`Cancel subscription ${s.id} now? This cannot be undone.`)) return;
    setError(undefined);
    setBusy(`${s.id}:${action}`);
    try {
      await api('POST', `${appPath(appId)}/subscriptions/${encodeURIComponent(s.id)}/${action}`, { body: {} });
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };
  return (
    <>
      <ErrorNotice error={error} />
      <table>
        <caption class="sr-only">Subscriptions</caption>
        <thead>
          <tr>
            <th scope="col">Subscription</th>
            <th scope="col">Customer</th>
            <th scope="col">Status</th>
            <th scope="col">Price</th>
            <th scope="col">Next charge</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((s) => {
            const ended = ENDED.includes(s.status);
            return (
              <tr key={s.id} data-subscription={s.id}>
                <td>
                  <a href={href('apps', appId, 'subscriptions', s.id)}>
                    <code>{s.id}</code>
                  </a>
                </td>
                <td>{s.customer ? <a href={href('apps', appId, 'customers', s.customer)}>{s.customer}</a> : '—'}</td>
                <td>
                  <Badge value={s.status} />
                  {s.cancelAtPeriodEnd && <span class="muted"> (ends at period end)</span>}
                </td>
                <td>{s.priceId ?? '—'}</td>
                <td>{formatDate(s.nextChargeAt)}</td>
                <td class="actions">
                  {!ended && s.status !== 'stopped' && s.status !== 'paused' && (
                    <button type="button" disabled={busy !== ''} onClick={() => void act(s, 'stop')}>
                      Stop<span class="sr-only"> {s.id}</span>
                    </button>
                  )}
                  {(s.status === 'stopped' || s.status === 'paused') && (
                    <button type="button" disabled={busy !== ''} onClick={() => void act(s, 'start')}>
                      Start<span class="sr-only"> {s.id}</span>
                    </button>
                  )}
                  {!ended && (
                    <button type="button" class="danger" disabled={busy !== ''} onClick={() => void act(s, 'cancel')}>
                      Cancel<span class="sr-only"> {s.id}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
