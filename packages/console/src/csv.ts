/** papaparse is fetched on the first import or export, not with the console's first load. */
const papa = () => import('papaparse').then((m) => m.default);

/** Reads a CSV with a header row; each row becomes an object of its non-empty cells. */
export async function parseProductsCsv(csv: string): Promise<{ rows: Array<Record<string, string>>; errors: string[] }> {
  const parsed = (await papa()).parse<Record<string, string>>(csv, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const errors = parsed.errors.map((e) => `Row ${(e.row ?? 0) + 2}: ${e.message}`);
  const rows = parsed.data.map((row) => {
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(row)) if (key && typeof value === 'string' && value.trim() !== '') clean[key] = value.trim();
    return clean;
  });
  return { rows, errors };
}

export async function productsCsv(columns: string[], rows: Array<Record<string, unknown>>): Promise<string> {
  return (await papa()).unparse({ fields: columns, data: rows.map((row) => columns.map((c) => (row[c] === undefined || row[c] === null ? '' : String(row[c])))) });
}
