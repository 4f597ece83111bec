// Every route of the web app. Pages load on demand, so the console does not carry the map, the charts
// or the public pages in its first load.
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { ConsoleLayout } from './components/console-layout.tsx';
import { FieldLayout } from './components/field-layout.tsx';
import { NotFound } from './components/not-found.tsx';
import { homeOf, useSession } from './lib/session.tsx';

/** A page module loaded when first visited; `name` is its named export. */
const page = <M extends Record<string, ComponentType>>(load: () => Promise<M>, name: keyof M) => {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<div className="page-loading"><Spin /></div>}>
      <Page />
    </Suspense>
  );
};

/** Signed-in users only; the others go to the login page and come back afterwards. */
const RequireSession = ({ children }: { children: ReactNode }) => {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <div className="page-loading"><Spin /></div>;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
};

const Home = () => {
  const { me, loading } = useSession();
  if (loading) return <div className="page-loading"><Spin /></div>;
  return <Navigate to={me ? homeOf(me) : '/login'} replace />;
};

export const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/login', element: page(() => import('./features/auth/login-page.tsx'), 'LoginPage') },
  {
    path: '/console',
    element: <RequireSession><ConsoleLayout /></RequireSession>,
    children: [
      { index: true, element: page(() => import('./features/events/workbench-page.tsx'), 'WorkbenchPage') },
      { path: 'events', element: page(() => import('./features/events/event-list-page.tsx'), 'EventListPage') },
      { path: 'events/:id', element: page(() => import('./features/events/event-page.tsx'), 'EventPage') },
      { path: 'map', element: page(() => import('./features/map/map-page.tsx'), 'MapPage') },
      { path: 'overview', element: page(() => import('./features/stats/overview-page.tsx'), 'OverviewPage') },
      { path: 'screening', element: page(() => import('./features/screening/batches-page.tsx'), 'BatchesPage') },
      { path: 'screening/:id', element: page(() => import('./features/screening/batch-page.tsx'), 'BatchPage') },
      { path: 'registry', element: page(() => import('./features/registry/registry-page.tsx'), 'RegistryPage') },
      { path: 'checkpoints', element: page(() => import('./features/health/checkpoints-page.tsx'), 'CheckpointsPage') },
      { path: 'zones', element: page(() => import('./features/health/zones-page.tsx'), 'ZonesPage') },
      { path: 'zones/:id', element: page(() => import('./features/health/zone-page.tsx'), 'ZonePage') },
      { path: 'appeals', element: page(() => import('./features/health/appeals-page.tsx'), 'AppealsPage') },
      { path: 'health-codes/persons/:id', element: page(() => import('./features/health/person-code-page.tsx'), 'PersonCodePage') },
      { path: 'health-rules', element: page(() => import('./features/health/rules-page.tsx'), 'RulesPage') },
      { path: 'devices', element: page(() => import('./features/devices/devices-page.tsx'), 'DevicesPage') },
      { path: 'venues', element: page(() => import('./features/devices/venues-page.tsx'), 'VenuesPage') },
      { path: 'device-alerts', element: page(() => import('./features/devices/alerts-page.tsx'), 'AlertsPage') },
      { path: 'supplies', element: page(() => import('./features/supplies/supplies-page.tsx'), 'SuppliesPage') },
      { path: 'admin/users', element: page(() => import('./features/admin/users-page.tsx'), 'UsersPage') },
      { path: 'admin/units', element: page(() => import('./features/admin/units-page.tsx'), 'UnitsPage') },
      { path: 'admin/categories', element: page(() => import('./features/admin/categories-page.tsx'), 'CategoriesPage') },
      { path: 'admin/audit', element: page(() => import('./features/admin/audit-page.tsx'), 'AuditPage') },
    ],
  },
  {
    path: '/field',
    element: <RequireSession><FieldLayout /></RequireSession>,
    children: [
      { index: true, element: page(() => import('./features/field/field-tasks-page.tsx'), 'FieldTasksPage') },
      { path: 'report', element: page(() => import('./features/field/field-report-page.tsx'), 'FieldReportPage') },
      { path: 'mine', element: page(() => import('./features/field/field-mine-page.tsx'), 'FieldMinePage') },
      { path: 'events/:id', element: page(() => import('./features/field/field-event-page.tsx'), 'FieldEventPage') },
      { path: 'screening', element: page(() => import('./features/screening/field-screening-page.tsx'), 'FieldScreeningPage') },
      { path: 'screening/:id', element: page(() => import('./features/screening/field-screening-task-page.tsx'), 'FieldScreeningTaskPage') },
      { path: 'scan', element: page(() => import('./features/health/field-scan-page.tsx'), 'FieldScanPage') },
      { path: 'checkins', element: page(() => import('./features/health/field-checkins-page.tsx'), 'FieldCheckinsPage') },
      { path: 'announce', element: page(() => import('./features/devices/field-announce-page.tsx'), 'FieldAnnouncePage') },
      { path: 'deliveries', element: page(() => import('./features/supplies/field-deliveries-page.tsx'), 'FieldDeliveriesPage') },
    ],
  },
  { path: '/me/code', element: <RequireSession>{page(() => import('./features/health/my-code-page.tsx'), 'MyCodePage')}</RequireSession> },
  { path: '/me/home', element: <RequireSession>{page(() => import('./features/me/my-home-page.tsx'), 'MyHomePage')}</RequireSession> },
  { path: '/public', element: page(() => import('./features/public/public-report-page.tsx'), 'PublicReportPage') },
  { path: '/public/track', element: page(() => import('./features/public/public-track-page.tsx'), 'PublicTrackPage') },
  { path: '/public/track/:code', element: page(() => import('./features/public/public-track-page.tsx'), 'PublicTrackPage') },
  { path: '*', element: <NotFound /> },
]);
