import { readFileSync } from 'node:fs';

/**
 * The snippets of ../shared/reference/payments-js-api.txt, cut from the reference itself at test
 * time (never copied into this repository: they carry placeholder keys). Each is named by its
 * exact first line(s) and runs to the first `});` at the start of a line after it.
 */
const REFERENCE = new URL('../../../../../shared/reference/payments-js-api.txt', import.meta.url);

const STARTS = {
  CONFIGURATION_UPDATE: 'Fliplet.Payments.Configuration.update({',
  UPDATE_SIGNING_SECRET: "Fliplet.Payments.Configuration.updateSigningSecret('whsec_123abc')",
  FULL_EXAMPLE: 'Fliplet.Payments.Products.get().then(function (products) {',
  CONFIGURATION_EXISTS: 'Fliplet.Payments.Configuration.exists().then(',
  CUSTOMERS_CREATE: "return Fliplet.Payments.Customers.create({\n  email: 'nvalbusa@fliplet.com'",
  GET_LOGS: "Fliplet.Payments.Customers.getLogs({\n  customer: 'cus_abcdefg123456'\n})",
  GET_LOGS_FILTERED: "return Fliplet.Payments.Customers.getLogs({\n  customer: 'cus_abcdefg123456',",
  OPEN_BILLING_PORTAL: 'Fliplet.Payments.Customers.openBillingPortal({',
} as const;

export type SnippetName = keyof typeof STARTS;

function cut(reference: string, name: SnippetName): string {
  const start = reference.indexOf(STARTS[name]);
  if (start < 0) throw new Error(`The reference no longer has the ${name} snippet (${JSON.stringify(STARTS[name])}).`);
  const end = reference.indexOf('\n});', start);
  if (end < 0) throw new Error(`The ${name} snippet of the reference has no closing "});".`);
  return reference.slice(start, end + '\n});'.length);
}

/** Every snippet of the reference page, verbatim. */
export function loadSnippets(): Record<SnippetName, string> {
  const reference = readFileSync(REFERENCE, 'utf8');
  const names = Object.keys(STARTS) as SnippetName[];
  return Object.fromEntries(names.map((name) => [name, cut(reference, name)])) as Record<SnippetName, string>;
}

/** Runs a snippet as written; one that is an expression statement is returned so the test can await it. */
export function asFunctionBody(snippet: string): string {
  return snippet.startsWith('return ') ? snippet : `return ${snippet}`;
}
