import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.js';

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? ` (${error.code})` : '';
  return (
    <p class="notice error" role="alert">
      {message}
      {code}
    </p>
  );
}

export function Notice({ children, kind = 'info' }: { children: ComponentChildren; kind?: 'info' | 'success' }) {
  return (
    <div class={`notice ${kind}`} role="status">
      {children}
    </div>
  );
}

export function Badge({ value }: { value: string }) {
  return <span class={`badge badge-${value.replace(/[^a-z_]/gi, '')}`}>{value}</span>;
}
