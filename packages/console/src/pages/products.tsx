import { useMemo, useState } from 'preact/hooks';
import { type AppDetail, api, type DataSource, type Entry, studioPath } from '../api.js';
import { ErrorNotice, Notice } from '../components/notice.js';
import { parseProductsCsv, productsCsv } from '../csv.js';
import { useLoad } from '../hooks.js';
import { columnsOf, displayValue, type Provider, type RowErrors, rowData, validateRow } from '../products.js';
import { href } from '../router.js';

interface Source {
  source: DataSource | null;
  provider: Provider;
  configuredId: number | null;
}

/** The products data source as an editable table: add, edit, delete rows; CSV import and export. */
export function ProductsPage({ appId }: { appId: string }) {
  const meta = useLoad(async (): Promise<Source> => {
    const [app, sources] = await Promise.all([
      api<AppDetail>('GET', studioPath(appId)),
      api<{ dataSources: DataSource[] }>('GET', '/v1/data-sources', { query: { appId } }),
    ]);
    const configuredId = app.configuration?.productsDataSourceId ?? null;
    const source = sources.dataSources.find((s) => s.id === configuredId) ?? sources.dataSources[0] ?? null;
    return { source, provider: app.configuration?.provider ?? 'stripe', configuredId };
  }, [appId]);
  const [error, setError] = useState<unknown>();

  const createSource = async () => {
    try {
      await api('POST', '/v1/data-sources', { body: { appId, name: 'Products' } });
      await meta.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>Products</h1>
      <ErrorNotice error={meta.error ?? error} />
      {meta.data && !meta.data.source && (
        <p>
          This app has no products data source yet.{' '}
          <button type="button" onClick={createSource}>
            Create a data source
          </button>
        </p>
      )}
      {meta.data?.source && (
        <>
          <p class="muted">
            Data source <strong>{meta.data.source.name}</strong> (#{meta.data.source.id})
            {meta.data.configuredId === meta.data.source.id ? ', used by the payment configuration' : ''}; rows checked for{' '}
            {meta.data.provider === 'stripe' ? 'Stripe (Price ID required)' : 'Flitt (Currency required)'}.{' '}
            {meta.data.configuredId === null && <a href={href('apps', appId, 'settings')}>Configure payments</a>}
          </p>
          <EntriesTable sourceId={meta.data.source.id} provider={meta.data.provider} />
        </>
      )}
    </>
  );
}

interface Draft {
  key: string;
  id: number | null;
  original: Record<string, unknown>;
  edited: Record<string, string>;
  showErrors: boolean;
}

const toDraft = (entry: Entry): Draft => ({ key: `e${entry.id}`, id: entry.id, original: entry.data, edited: {}, showErrors: true });

function EntriesTable({ sourceId, provider }: { sourceId: number; provider: Provider }) {
  const entriesPath = `/v1/data-sources/${sourceId}/entries`;
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const loaded = useLoad(async () => {
    const { entries } = await api<{ entries: Entry[] }>('GET', entriesPath);
    setDrafts(entries.map(toDraft));
    return entries;
  }, [entriesPath]);
  const columns = useMemo(() => columnsOf(drafts.map((d) => d.original)), [drafts]);
  const dataOf = (d: Draft) => rowData(d.original, d.edited);
  const update = (key: string, change: (d: Draft) => Draft) => setDrafts((all) => all.map((d) => (d.key === key ? change(d) : d)));

  const save = async (draft: Draft) => {
    setError(undefined);
    setMessage('');
    const data = dataOf(draft);
    if (Object.keys(validateRow(data, provider)).length > 0) {
      update(draft.key, (d) => ({ ...d, showErrors: true }));
      return;
    }
    try {
      const saved = draft.id === null
        ? await api<Entry>('POST', entriesPath, { body: { data } })
        : await api<Entry>('PUT', `${entriesPath}/${draft.id}`, { body: { data } });
      update(draft.key, () => toDraft(saved));
      setMessage(`Saved row ${saved.id}.`);
    } catch (e) {
      setError(e);
    }
  };

  const remove = async (draft: Draft) => {
    setError(undefined);
    if (draft.id !== null) {
      if (!confirm(`Delete row ${draft.id} (${displayValue(draft.original.Name) || 'no name'})?`)) return;
      try {
        await api('DELETE', `${entriesPath}/${draft.id}`);
      } catch (e) {
        setError(e);
        return;
      }
    }
    setDrafts((all) => all.filter((d) => d.key !== draft.key));
    setMessage(draft.id === null ? 'New row discarded.' : `Deleted row ${draft.id}.`);
  };

  const addRow = () => {
    const key = `new${Date.now()}`;
    setDrafts((all) => [...all, { key, id: null, original: {}, edited: {}, showErrors: false }]);
    setTimeout(() => document.getElementById(`cell-${key}-Name`)?.focus(), 0);
  };

  const importCsv = async (file: File) => {
    setError(undefined);
    setMessage('');
    const { rows, errors } = await parseProductsCsv(await file.text());
    const problems = [...errors];
    let added = 0;
    for (const [index, row] of rows.entries()) {
      const rowErrors = Object.values(validateRow(row, provider));
      if (rowErrors.length > 0) {
        problems.push(`Row ${index + 2}: ${rowErrors.join(' ')}`);
        continue;
      }
      try {
        const saved = await api<Entry>('POST', entriesPath, { body: { data: row } });
        setDrafts((all) => [...all, toDraft(saved)]);
        added += 1;
      } catch (e) {
        problems.push(`Row ${index + 2}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    setImportErrors(problems);
    setMessage(`Imported ${added} of ${rows.length} rows from ${file.name}.`);
  };

  const exportCsv = async () => {
    const csv = await productsCsv(columns, drafts.filter((d) => d.id !== null).map((d) => d.original));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `products-${sourceId}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  return (
    <>
      <ErrorNotice error={loaded.error ?? error} />
      <div class="toolbar">
        <button type="button" onClick={addRow}>
          Add row
        </button>
        <label class="button">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            class="sr-only"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importCsv(file);
            }}
          />
        </label>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      {message && <Notice>{message}</Notice>}
      {importErrors.length > 0 && (
        <div class="notice error" role="alert">
          <p>Rows not imported:</p>
          <ul>
            {importErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="table-scroll">
        <table class="editable">
          <caption class="sr-only">Products: one row per data source entry</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft) => {
              const errors: RowErrors = draft.showErrors ? validateRow(dataOf(draft), provider) : {};
              const label = draft.id === null ? 'new row' : `row ${draft.id}`;
              return (
                <tr key={draft.key} data-row={draft.id ?? 'new'}>
                  <td>{draft.id ?? 'new'}</td>
                  {columns.map((column) => {
                    const id = `cell-${draft.key}-${column.replace(/\W/g, '')}`;
                    const problem = errors[column];
                    return (
                      <td key={column}>
                        <input
                          id={id}
                          aria-label={`${column}, ${label}`}
                          aria-invalid={problem ? 'true' : undefined}
                          aria-describedby={problem ? `${id}-error` : undefined}
                          value={draft.edited[column] ?? displayValue(draft.original[column])}
                          onInput={(e) => {
                            const value = e.currentTarget.value;
                            update(draft.key, (d) => ({ ...d, edited: { ...d.edited, [column]: value } }));
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') void save(draft);
                          }}
                        />
                        {problem && (
                          <span id={`${id}-error`} class="cell-error">
                            {problem}
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td class="actions">
                    <button type="button" onClick={() => void save(draft)}>
                      Save<span class="sr-only"> {label}</span>
                    </button>
                    <button type="button" class="danger" onClick={() => void remove(draft)}>
                      Delete<span class="sr-only"> {label}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
