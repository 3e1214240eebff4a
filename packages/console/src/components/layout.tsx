import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { href } from '../router.js';

const SECTIONS: Array<[string, string]> = [
  ['dashboard', 'Dashboard'],
  ['settings', 'Payments setup'],
  ['products', 'Products'],
  ['customers', 'Customers'],
  ['subscriptions', 'Subscriptions'],
  ['events', 'Events'],
];

export function Layout({ appId, section, onLogout, children }: { appId?: string; section?: string; onLogout: () => void; children: ComponentChildren }) {
  const main = useRef<HTMLElement>(null);
  const current = section ?? 'settings';
  // Moving between pages puts keyboard and screen reader focus on the new page's content.
  useEffect(() => {
    main.current?.focus();
  }, [appId, section]);
  return (
    <>
      <button type="button" class="skip" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <a class="brand" href={href('apps')}>
          paykit console
        </a>
        <nav aria-label="Main">
          <a href={href('apps')} aria-current={appId ? undefined : 'page'}>
            Apps
          </a>
          {appId &&
            SECTIONS.map(([key, label]) => (
              <a key={key} href={href('apps', appId, key)} aria-current={current === key ? 'page' : undefined}>
                {label}
              </a>
            ))}
        </nav>
        <button type="button" class="link" onClick={onLogout}>
          Log out
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
