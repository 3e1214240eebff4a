import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs `load` now, whenever `deps` change, and every `pollMs` when given; the last answer wins. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const run = useRef(0);
  const reload = useCallback(async () => {
    const id = ++run.current;
    try {
      const value = await load();
      if (id === run.current) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (id === run.current) setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (id === run.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    setLoading(true);
    void reload();
    if (!pollMs) return;
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);
  return { data, error, loading, reload };
}
