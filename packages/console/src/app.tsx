import { useState } from 'preact/hooks';
import { session } from './api.js';
import { Layout } from './components/layout.js';
import { lazyPage } from './lazy-page.js';
import { AppPage } from './pages/app-settings.js';
import { AppsPage } from './pages/apps.js';
import { CustomerPage } from './pages/customer.js';
import { CustomersPage } from './pages/customers.js';
import { EventsPage } from './pages/events.js';
import { LoginPage } from './pages/login.js';
import { ProductsPage } from './pages/products.js';
import { SubscriptionPage } from './pages/subscription.js';
import { SubscriptionsPage } from './pages/subscriptions.js';
import { navigate, useHashPath } from './router.js';

const DashboardPage = lazyPage(() => import('./pages/dashboard.js').then((m) => m.DashboardPage));

function Page({ path }: { path: string[] }) {
  const [root, appId, section, id] = path;
  if (root !== 'apps') return <AppsPage />;
  if (!appId) return <AppsPage />;
  if (section === 'products') return <ProductsPage appId={appId} />;
  if (section === 'customers' && id) return <CustomerPage appId={appId} customerId={id} />;
  if (section === 'customers') return <CustomersPage appId={appId} />;
  if (section === 'subscriptions' && id) return <SubscriptionPage appId={appId} subscriptionId={id} />;
  if (section === 'subscriptions') return <SubscriptionsPage appId={appId} />;
  if (section === 'events') return <EventsPage appId={appId} />;
  if (section === 'dashboard') return <DashboardPage appId={appId} />;
  return <AppPage appId={appId} />;
}

export function App() {
  const [token, setToken] = useState(session.token());
  const path = useHashPath();
  if (!token) {
    return (
      <LoginPage
        onLogin={(value) => {
          session.set(value);
          setToken(value);
          if (path[0] !== 'apps') navigate('apps');
        }}
      />
    );
  }
  const logout = () => {
    session.clear();
    setToken(null);
  };
  return (
    <Layout appId={path[0] === 'apps' ? path[1] : undefined} section={path[2]} onLogout={logout}>
      <Page path={path} />
    </Layout>
  );
}
