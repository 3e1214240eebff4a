import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code (and its heavier libraries, such as uPlot) is fetched the first time it is
 * shown, keeping the console's first load small.
 */
export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<FunctionComponent<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      load().then(
        (component) => {
          loaded = component;
          setPage(() => component);
        },
        () => setFailed(true),
      );
    }, [Page]);
    if (failed) return <p role="alert">This page could not be loaded: reload to try again.</p>;
    return Page ? <Page {...props} /> : <p aria-busy="true">Loading…</p>;
  };
}
