// The desktop console: a menu of what the user's roles may open, the header, and the page.
import {
  AlertOutlined, AuditOutlined, BarChartOutlined, ClusterOutlined, DashboardOutlined, EnvironmentOutlined, ExceptionOutlined, FileProtectOutlined, GatewayOutlined, GiftOutlined,
  NotificationOutlined, RadarChartOutlined, SafetyCertificateOutlined, ShopOutlined, TeamOutlined, UnorderedListOutlined, UserOutlined, WifiOutlined,
} from '@ant-design/icons';
import { Layout, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n/i18n.ts';
import { can, hasRole, useSession, type Me } from '../lib/session.tsx';
import { layoutMessages } from './layout-messages.ts';
import { UserMenu } from './user-menu.tsx';

type Key = keyof typeof layoutMessages.zh;
/** `group`: shown under that heading; grouped items come last, so nothing ungrouped falls under a heading. */
type Item = { path: string; key: Key; icon: ReactNode; show: (me: Me) => boolean; group?: Key };

const CENTRE = ['street_operator', 'county_operator', 'handler', 'mediator', 'leader'];
// Health codes: operators act, the leader reads.
const HEALTH = ['street_operator', 'county_operator', 'leader'];
const ITEMS: Item[] = [
  { path: '/console', key: 'workbench', icon: <DashboardOutlined />, show: (me) => hasRole(me, 'street_operator', 'county_operator', 'handler') },
  { path: '/console/events', key: 'events', icon: <UnorderedListOutlined />, show: (me) => hasRole(me, ...CENTRE) },
  { path: '/console/map', key: 'map', icon: <EnvironmentOutlined />, show: (me) => hasRole(me, ...CENTRE) },
  { path: '/console/overview', key: 'overview', icon: <BarChartOutlined />, show: (me) => hasRole(me, ...CENTRE) },
  { path: '/console/screening', key: 'screening', icon: <SafetyCertificateOutlined />, show: (me) => hasRole(me, 'street_operator', 'county_operator', 'leader') },
  { path: '/console/checkpoints', key: 'checkpoints', icon: <GatewayOutlined />, show: (me) => hasRole(me, ...HEALTH) && can(me, 'healthcode.read') },
  { path: '/console/zones', key: 'zones', icon: <RadarChartOutlined />, show: (me) => hasRole(me, ...HEALTH) && can(me, 'healthcode.read') },
  { path: '/console/appeals', key: 'appeals', icon: <ExceptionOutlined />, show: (me) => hasRole(me, ...HEALTH) && can(me, 'healthcode.read') },
  { path: '/console/health-rules', key: 'healthRules', icon: <FileProtectOutlined />, show: (me) => can(me, 'healthcode.rules') || (hasRole(me, ...HEALTH) && can(me, 'healthcode.read_rules')) },
  { path: '/console/registry', key: 'registry', icon: <TeamOutlined />, show: (me) => can(me, 'registry.read') },
  { path: '/console/admin/users', key: 'users', icon: <UserOutlined />, show: (me) => can(me, 'user.read') },
  { path: '/console/admin/units', key: 'units', icon: <ClusterOutlined />, show: (me) => can(me, 'config.write') },
  { path: '/console/admin/categories', key: 'categories', icon: <AlertOutlined />, show: (me) => can(me, 'config.write') },
  { path: '/console/admin/audit', key: 'audit', icon: <AuditOutlined />, show: (me) => can(me, 'audit.read') },
  { path: '/console/devices', key: 'devices', icon: <WifiOutlined />, show: (me) => can(me, 'device.read'), group: 'devicesGroup' },
  { path: '/console/venues', key: 'venues', icon: <ShopOutlined />, show: (me) => can(me, 'device.read'), group: 'devicesGroup' },
  { path: '/console/device-alerts', key: 'deviceAlerts', icon: <NotificationOutlined />, show: (me) => can(me, 'device.read'), group: 'devicesGroup' },
  { path: '/console/supplies', key: 'supplies', icon: <GiftOutlined />, show: (me) => can(me, 'supply.read'), group: 'suppliesGroup' },
];

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The menu's entries, grouped items under their heading. */
const menuOf = (items: Item[], t: (k: Key) => string): MenuItem[] => {
  const out: MenuItem[] = [];
  const groups = new Map<Key, MenuItem[]>();
  for (const i of items) {
    const entry = { key: i.path, icon: i.icon, label: <Link to={i.path}>{t(i.key)}</Link> };
    if (!i.group) out.push(entry);
    else {
      let children = groups.get(i.group);
      if (!children) {
        groups.set(i.group, (children = []));
        out.push({ type: 'group', key: `group:${i.group}`, label: t(i.group), children });
      }
      children.push(entry);
    }
  }
  return out;
};

/** The menu entry a path belongs to: the longest matching prefix. */
const selectedOf = (path: string, items: Item[]) =>
  items.filter((i) => path === i.path || path.startsWith(i.path + '/')).sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '';

export const ConsoleLayout = () => {
  const t = useT(layoutMessages);
  const { me } = useSession();
  const { pathname } = useLocation();
  const items = me ? ITEMS.filter((i) => i.show(me)) : [];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="dark" breakpoint="lg" collapsedWidth={56}>
        <Link to="/" className="console-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('appName')} · {t('console')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedOf(pathname, items)]}
          items={menuOf(items, t)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <span className="console-header-title">{t('appTitle')}</span>
          <UserMenu />
        </Layout.Header>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
