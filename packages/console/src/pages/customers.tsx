import { useState } from 'preact/hooks';
import { api, type CustomerSummary, studioPath } from '../api.js';
import { ErrorNotice } from '../components/notice.js';
import { formatDate } from '../format.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';

const PAGE = 25;

export function CustomersPage({ appId }: { appId: string }) {
  const [draft, setDraft] = useState('');
  const [email, setEmail] = useState('');
  const [offset, setOffset] = useState(0);
  const result = useLoad(
    () => api<{ customers: CustomerSummary[] }>('GET', `${studioPath(appId)}/customers`, { query: { email, limit: PAGE, offset } }),
    [appId, email, offset],
  );
  const customers = result.data?.customers ?? [];
  return (
    <>
      <h1>Customers</h1>
      <form
        aria-label="Search customers"
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setEmail(draft.trim());
        }}
      >
        <div class="field">
          <label for="customer-search">Email contains</label>
          <input id="customer-search" type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorNotice error={result.error} />
      {result.data && customers.length === 0 && <p role="status">No customers{email ? ` with "${email}" in their email` : ''}.</p>}
      {customers.length > 0 && (
        <table>
          <caption class="sr-only">Customers</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Customer ID</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={href('apps', appId, 'customers', c.id)}>{c.email}</a>
                </td>
                <td>
                  <code>{c.id}</code>
                </td>
                <td>{formatDate(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager offset={offset} limit={PAGE} count={customers.length} onChange={setOffset} />
    </>
  );
}

export function Pager({ offset, limit, count, onChange }: { offset: number; limit: number; count: number; onChange: (offset: number) => void }) {
  if (offset === 0 && count < limit) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        Previous
      </button>
      <span>
        {count === 0 ? 'none' : `${offset + 1}–${offset + count}`}
      </span>
      <button type="button" disabled={count < limit} onClick={() => onChange(offset + limit)}>
        Next
      </button>
    </nav>
  );
}
