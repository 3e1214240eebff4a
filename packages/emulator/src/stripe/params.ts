import { invalidParam, missingParam, unknownParam } from './errors.js';

/** A form-decoded request body or query: nested objects and arrays of strings. */
export type Params = Record<string, unknown>;

/** Refuses parameters the endpoint does not know, as Stripe does (`parameter_unknown`). */
export function allowOnly(params: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw unknownParam(key);
  }
}

export function requireParam(params: Params, name: string): unknown {
  const value = params[name];
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${name}`);
  return value;
}

export function requireStr(params: Params, name: string): string {
  requireParam(params, name);
  return str(params, name) as string;
}

export function int(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw invalidParam(name, `Invalid integer: ${text}`);
  return Number(text);
}

export function bool(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw invalidParam(name, `Invalid boolean: ${String(value)}`);
}

export function metadata(params: Params, name = 'metadata'): Record<string, string> | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === '') return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParam(name, `Invalid object: ${name}`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** Form encoding turns arrays into `{0:..,1:..}` or arrays depending on the client; accept both. */
export function list(params: Params, name: string): unknown[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value);
  if (typeof value === 'string') return [value];
  throw invalidParam(name, `Invalid array: ${name}`);
}

export function expandList(params: Params): string[] {
  return (list(params, 'expand') ?? []).map(String);
}

export function asParams(value: unknown, name: string): Params {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParam(name, `Invalid object: ${name}`);
  }
  return value as Params;
}

export { invalidParam as invalidParamValue } from './errors.js';
