import { useMemo, useState } from 'preact/hooks';
import { api, type Dashboard, studioPath } from '../api.js';
import { DayChart } from '../components/chart.js';
import { ErrorNotice } from '../components/notice.js';
import { formatMoney, toMajor } from '../format.js';
import { useLoad } from '../hooks.js';

export function DashboardPage({ appId }: { appId: string }) {
  const [days, setDays] = useState(30);
  const board = useLoad(() => api<Dashboard>('GET', `${studioPath(appId)}/dashboard`, { query: { days } }), [appId, days]);
  const d = board.data;
  const revenue = useMemo(
    () => (d ? Object.entries(d.revenue).map(([currency, values]) => ({ label: currency, values: values.map((v) => toMajor(v, currency)) })) : []),
    [d],
  );
  const active = useMemo(() => (d ? [{ label: 'Active subscriptions', values: d.activeSubscriptions }] : []), [d]);
  const totals = d ? Object.entries(d.revenue).map(([currency, values]) => formatMoney(values.reduce((a, b) => a + b, 0), currency)) : [];
  return (
    <>
      <h1>Dashboard</h1>
      <div class="field inline">
        <label for="dashboard-days">Period</label>
        <select id="dashboard-days" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {[7, 30, 90].map((n) => (
            <option key={n} value={String(n)}>
              Last {n} days
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={board.error} />
      {d && (
        <>
          <ul class="stats" aria-label="Checkouts in the period">
            <li>
              <span class="stat" data-testid="checkouts-complete">{d.checkouts.complete}</span> checkouts completed
            </li>
            <li>
              <span class="stat" data-testid="checkouts-canceled">{d.checkouts.canceled}</span> checkouts canceled
            </li>
            <li>
              <span class="stat">{d.checkouts.expired}</span> expired
            </li>
            <li>
              <span class="stat">{d.checkouts.open}</span> open
            </li>
            <li>
              <span class="stat" data-testid="revenue-total">{totals.length > 0 ? totals.join(' + ') : '0'}</span> revenue
            </li>
          </ul>
          <DayChart
            title="Revenue per day"
            days={d.days}
            series={revenue.length > 0 ? revenue : [{ label: 'no revenue', values: d.days.map(() => 0) }]}
            summary={`Revenue per day over the last ${d.days.length} days: ${totals.length > 0 ? totals.join(', ') : 'none'} in total.`}
          />
          <DayChart
            title="Active subscriptions"
            days={d.days}
            series={active}
            summary={`Active subscriptions at the end of each day; today: ${d.activeSubscriptions.at(-1) ?? 0}.`}
          />
        </>
      )}
    </>
  );
}
