import { useState } from 'preact/hooks';
import { api, appPath, type CustomerDetail, type LogEntry, studioPath } from '../api.js';
import { Badge, ErrorNotice } from '../components/notice.js';
import { SubscriptionsTable } from '../components/subscriptions-table.js';
import { formatDate, formatMoney } from '../format.js';
import { useLoad } from '../hooks.js';
import { Pager } from './customers.js';

const LOG_TYPES = [
  'checkout.session.completed',
  'checkout.session.expired',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.succeeded',
  'charge.failed',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
];

export function CustomerPage({ appId, customerId }: { appId: string; customerId: string }) {
  const customer = useLoad(() => api<CustomerDetail>('GET', `${studioPath(appId)}/customers/${encodeURIComponent(customerId)}`), [appId, customerId]);
  const [portalError, setPortalError] = useState<unknown>();
  const openPortal = async () => {
    setPortalError(undefined);
    // Opened before the request so the browser does not treat it as an unasked-for popup.
    const tab = window.open('', '_blank');
    try {
      const { url } = await api<{ url: string }>('POST', `${appPath(appId)}/customers/${encodeURIComponent(customerId)}/billing-portal`, { body: {} });
      if (tab) tab.location.href = url;
      else window.location.href = url;
    } catch (e) {
      tab?.close();
      setPortalError(e);
    }
  };
  const c = customer.data;
  return (
    <>
      <h1>{c ? c.email : 'Customer'}</h1>
      <ErrorNotice error={customer.error} />
      {c && (
        <>
          <p class="muted">
            Customer <code>{c.id}</code> · {c.provider} · since {formatDate(c.createdAt)}
          </p>
          <p>
            <button type="button" onClick={openPortal}>
              Open billing portal
            </button>
          </p>
          <ErrorNotice error={portalError} />
          <h2>Checkouts</h2>
          {c.checkouts.length === 0 ? (
            <p>No checkouts.</p>
          ) : (
            <table>
              <caption class="sr-only">Checkouts of this customer</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payment</th>
                  <th scope="col">Total</th>
                  <th scope="col">ID</th>
                </tr>
              </thead>
              <tbody>
                {c.checkouts.map((k) => (
                  <tr key={k.id}>
                    <td>{formatDate(k.createdAt)}</td>
                    <td>{k.mode}</td>
                    <td>
                      <Badge value={k.status} />
                    </td>
                    <td>{k.paymentStatus}</td>
                    <td>{formatMoney(k.amountTotal, k.currency)}</td>
                    <td>
                      <code>{k.id}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Subscriptions</h2>
          <SubscriptionsTable appId={appId} subscriptions={c.subscriptions} onChanged={() => void customer.reload()} />
          <EventLog appId={appId} customerId={customerId} />
        </>
      )}
    </>
  );
}

/** Unix seconds at the start (or end) of a `YYYY-MM-DD` day in the browser's time zone. */
const dayBound = (day: string, end: boolean) => Math.floor(new Date(`${day}T${end ? '23:59:59' : '00:00:00'}`).getTime() / 1000);

function EventLog({ appId, customerId }: { appId: string; customerId: string }) {
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState(20);
  const [offset, setOffset] = useState(0);
  const where: Record<string, unknown> = {};
  if (type) where.type = type;
  if (from || to) where.created = { ...(from ? { gte: dayBound(from, false) } : {}), ...(to ? { lte: dayBound(to, true) } : {}) };
  const whereText = Object.keys(where).length > 0 ? JSON.stringify(where) : undefined;
  const logs = useLoad(
    () => api<{ logs: LogEntry[] }>('GET', `${appPath(appId)}/customers/${encodeURIComponent(customerId)}/logs`, { query: { limit, offset, where: whereText } }),
    [appId, customerId, limit, offset, whereText],
  );
  const reset = () => setOffset(0);
  const entries = logs.data?.logs ?? [];
  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Event log</h2>
      <form class="inline filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="log-type">Type</label>
          <select id="log-type" value={type} onChange={(e) => {
              setType(e.currentTarget.value);
              reset();
            }}>
            <option value="">All types</option>
            {LOG_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="log-from">From</label>
          <input id="log-from" type="date" value={from} onChange={(e) => {
              setFrom(e.currentTarget.value);
              reset();
            }} />
        </div>
        <div class="field">
          <label for="log-to">To</label>
          <input id="log-to" type="date" value={to} onChange={(e) => {
              setTo(e.currentTarget.value);
              reset();
            }} />
        </div>
        <div class="field">
          <label for="log-limit">Per page</label>
          <select id="log-limit" value={String(limit)} onChange={(e) => {
              setLimit(Number(e.currentTarget.value));
              reset();
            }}>
            {[10, 20, 50, 100].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorNotice error={logs.error} />
      {logs.data && entries.length === 0 && <p role="status">No events match.</p>}
      {entries.length > 0 && (
        <table>
          <caption class="sr-only">Events of this customer, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Type</th>
              <th scope="col">Event ID</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDate(entry.created, { seconds: true })}</td>
                <td>{entry.type}</td>
                <td>
                  <code>{entry.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} limit={limit} count={entries.length} onChange={setOffset} />
    </section>
  );
}
