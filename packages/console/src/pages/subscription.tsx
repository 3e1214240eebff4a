import { api, appPath, type Subscription } from '../api.js';
import { Badge, ErrorNotice } from '../components/notice.js';
import { SubscriptionsTable } from '../components/subscriptions-table.js';
import { formatDate, formatMoney } from '../format.js';
import { useLoad } from '../hooks.js';

/** One subscription: its status and actions, and the schedule of past and upcoming charges. */
export function SubscriptionPage({ appId, subscriptionId }: { appId: string; subscriptionId: string }) {
  const sub = useLoad(() => api<Subscription>('GET', `${appPath(appId)}/subscriptions/${encodeURIComponent(subscriptionId)}`), [appId, subscriptionId]);
  const s = sub.data;
  return (
    <>
      <h1>Subscription {subscriptionId}</h1>
      <ErrorNotice error={sub.error} />
      {s && (
        <>
          <SubscriptionsTable appId={appId} subscriptions={[s]} onChanged={() => void sub.reload()} />
          <h2>Schedule</h2>
          <ol class="schedule" aria-label="Charges, past and upcoming">
            {s.charges.map((c) => (
              <li key={`${c.payment}-${c.status}`} class="past">
                <span>{formatDate(c.at)}</span> <Badge value={c.status} /> {formatMoney(c.amount, c.currency)}
              </li>
            ))}
            {s.charges.length === 0 &&
              s.schedule.past.map((at) => (
                <li key={at} class="past">
                  {formatDate(at)} <span class="muted">charged</span>
                </li>
              ))}
            {s.schedule.upcoming.map((at) => (
              <li key={at} class="upcoming">
                {formatDate(at)} <span class="muted">upcoming</span>
              </li>
            ))}
          </ol>
          {s.charges.length === 0 && s.schedule.upcoming.length === 0 && s.schedule.past.length === 0 && <p>No charges yet, none scheduled.</p>}
          <p class="muted">
            Status <Badge value={s.status} />; current period ends {formatDate(s.currentPeriodEnd)}.
          </p>
        </>
      )}
    </>
  );
}
