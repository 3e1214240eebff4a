import { useState } from 'preact/hooks';
import { api, appPath, type Subscription } from '../api.js';
import { ErrorNotice } from '../components/notice.js';
import { SubscriptionsTable } from '../components/subscriptions-table.js';
import { useLoad } from '../hooks.js';

const STATUSES = ['active', 'trialing', 'past_due', 'stopped', 'paused', 'canceled'];

export function SubscriptionsPage({ appId }: { appId: string }) {
  const [status, setStatus] = useState('');
  const list = useLoad(() => api<{ subscriptions: Subscription[] }>('GET', `${appPath(appId)}/subscriptions`, { query: { status } }), [appId, status]);
  return (
    <>
      <h1>Subscriptions</h1>
      <div class="field inline">
        <label for="status-filter">Status</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={list.error} />
      {list.data && <SubscriptionsTable appId={appId} subscriptions={list.data.subscriptions} onChanged={() => void list.reload()} />}
    </>
  );
}
