import { isPort } from '../config.js';

/** A port given on the command line; anything else stops the command naming the option. */
export function parsePortOption(value: string | undefined, name: string): number {
  const port = Number(value);
  if (value === undefined || value.trim() === '' || !isPort(port)) throw new Error(`${name} must be a port number, got ${value}`);
  return port;
}
