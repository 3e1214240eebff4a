import { useState } from 'preact/hooks';

/** A read-only value with a Copy button; the result is announced to screen readers. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied');
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied('Selected: press Ctrl+C to copy');
    }
  };
  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      <div class="row">
        <input id={id} readOnly value={value} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
        <button type="button" onClick={copy}>
          Copy
        </button>
        <span role="status" class="muted">
          {copied}
        </span>
      </div>
    </div>
  );
}
