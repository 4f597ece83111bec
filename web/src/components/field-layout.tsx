// The phone pages of grid staff: a top bar and five tabs at the bottom, within the width of a phone.
import { FileDoneOutlined, PlusCircleOutlined, ProfileOutlined, SafetyCertificateOutlined, ScanOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n/i18n.ts';
import { layoutMessages } from './layout-messages.ts';
import { UserMenu } from './user-menu.tsx';

const TABS = [
  { path: '/field', key: 'tasks', icon: <ProfileOutlined /> },
  { path: '/field/screening', key: 'screening', icon: <SafetyCertificateOutlined /> },
  { path: '/field/scan', key: 'scan', icon: <ScanOutlined /> },
  { path: '/field/report', key: 'report', icon: <PlusCircleOutlined /> },
  { path: '/field/mine', key: 'mine', icon: <FileDoneOutlined /> },
] as const;

export const FieldLayout = () => {
  const t = useT(layoutMessages);
  const { pathname } = useLocation();
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
        {TABS.map((tab) => (
          <Link key={tab.path} to={tab.path} className={pathname === tab.path || (tab.path !== '/field' && pathname.startsWith(`${tab.path}/`)) ? 'active' : ''}>
            {tab.icon}
            <span>{t(tab.key)}</span>
          </Link>
        ))}
      </nav>
    </div>
  );
};
