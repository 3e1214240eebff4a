import { api, type FeedItem, studioPath } from '../api.js';
import { Badge, ErrorNotice } from '../components/notice.js';
import { formatDate } from '../format.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';

const POLL_MS = 3000;

/** A live feed of incoming webhooks: applied, stale, recorded, duplicate or rejected, and why. */
export function EventsPage({ appId }: { appId: string }) {
  const feed = useLoad(() => api<{ events: FeedItem[] }>('GET', `${studioPath(appId)}/events`, { query: { limit: 100 } }), [appId], POLL_MS);
  const events = feed.data?.events ?? [];
  return (
    <>
      <h1>Events</h1>
      <p class="muted" aria-live="polite">
        Live: refreshed every {POLL_MS / 1000} s. {feed.data ? `${events.length} latest deliveries.` : ''}
      </p>
      <ErrorNotice error={feed.error} />
      {feed.data && events.length === 0 && <p>No webhook received yet.</p>}
      {events.length > 0 && (
        <table>
          <caption class="sr-only">Webhook deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Type</th>
              <th scope="col">Outcome</th>
              <th scope="col">Why</th>
              <th scope="col">Event ID</th>
              <th scope="col">Customer</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-outcome={e.outcome}>
                <td>{formatDate(e.receivedAt, { seconds: true })}</td>
                <td>{e.type ?? '—'}</td>
                <td>
                  <Badge value={e.outcome} />
                </td>
                <td>
                  {e.reason}
                  {e.code && <span class="muted"> ({e.code})</span>}
                </td>
                <td>{e.eventId ? <code>{e.eventId}</code> : '—'}</td>
                <td>{e.customer ? <a href={href('apps', appId, 'customers', e.customer)}>{e.customer}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
