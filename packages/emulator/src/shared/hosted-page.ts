export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const EXPONENT: Record<string, number> = { jpy: 0, krw: 0, bhd: 3, kwd: 3 };

export function formatAmount(minor: number, currency: string): string {
  const exponent = EXPONENT[currency.toLowerCase()] ?? 2;
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(minor / 10 ** exponent);
}

export interface PageTheme {
  /** Who the badge says made the page. */
  name: string;
  /** Colour of the primary button. */
  accent: string;
}

/** The hosted pages' frame, shared by both emulators; each passes its own name and colour. */
export function hostedPage(theme: PageTheme, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
table{width:100%;border-collapse:collapse}td{padding:.3rem 0}td.amount{text-align:right}
label{display:block;margin-top:1rem;font-weight:600}input{font:inherit;width:100%;padding:.5rem;box-sizing:border-box}
button{font:inherit;padding:.6rem 1.2rem;margin-top:1rem;border:0;border-radius:4px;background:${theme.accent};color:#fff;cursor:pointer}
button.secondary{background:#e3e8ee;color:#1a1a1a}.error{color:#b3093c;font-weight:600}.badge{font-size:.8rem;background:#fff3cd;padding:.1rem .4rem}
</style></head><body><p class="badge">Test mode — paykit ${escapeHtml(theme.name)} emulator</p>${body}</body></html>`;
}
