// The phone pages of grid staff: a top bar and the tabs their permissions open at the bottom, within
// the width of a phone.
import { CarOutlined, FileDoneOutlined, MedicineBoxOutlined, NotificationOutlined, PlusCircleOutlined, ProfileOutlined, SafetyCertificateOutlined, ScanOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n/i18n.ts';
import { can, useSession, type Me } from '../lib/session.tsx';
import { layoutMessages } from './layout-messages.ts';
import { UserMenu } from './user-menu.tsx';

type Tab = { path: string; key: keyof typeof layoutMessages.zh; icon: ReactNode; show?: (me: Me | null) => boolean };
const TABS: Tab[] = [
  { path: '/field', key: 'tasks', icon: <ProfileOutlined /> },
  { path: '/field/screening', key: 'screening', icon: <SafetyCertificateOutlined /> },
  { path: '/field/scan', key: 'scan', icon: <ScanOutlined /> },
  { path: '/field/checkins', key: 'checkins', icon: <MedicineBoxOutlined />, show: (me) => can(me, 'healthcode.checkin') },
  { path: '/field/announce', key: 'announce', icon: <NotificationOutlined />, show: (me) => can(me, 'device.announce') },
  { path: '/field/deliveries', key: 'deliveries', icon: <CarOutlined />, show: (me) => can(me, 'supply.deliver') },
  { path: '/field/report', key: 'report', icon: <PlusCircleOutlined /> },
  { path: '/field/mine', key: 'mine', icon: <FileDoneOutlined /> },
];

export const FieldLayout = () => {
  const t = useT(layoutMessages);
  const { pathname } = useLocation();
  const { me } = useSession();
  return (
    <div className="field">
      <header className="field-header">
        <Link to="/field" className="field-brand">{t('appName')} · {t('field')}</Link>
        <UserMenu compact />
      </header>
      <main className="field-main">
        <Outlet />
      </main>
      <nav className="field-tabs">
        {TABS.filter((tab) => !tab.show || tab.show(me)).map((tab) => (
          <Link key={tab.path} to={tab.path} className={pathname === tab.path || (tab.path !== '/field' && pathname.startsWith(`${tab.path}/`)) ? 'active' : ''}>
            {tab.icon}
            <span>{t(tab.key)}</span>
          </Link>
        ))}
      </nav>
    </div>
  );
};
