// The resident's phone pages share a header: the page's title, a switch between 健康码 and 居家服务,
// the language and sign out.
import { LogoutOutlined } from '@ant-design/icons';
import { Button, Segmented, Space } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/user-menu.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useSession } from '../../lib/session.tsx';
import { meMessages } from './me-messages.ts';

const PAGES = ['/me/code', '/me/home'] as const;

export const MeShell = ({ title, className, children }: { title: string; className?: string; children: ReactNode }) => {
  const t = useT(meMessages);
  const { logout } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <div className={`public ${className ?? ''}`}>
      <div className="public-header">
        <h1 style={{ margin: 0, fontSize: 22 }}>{title}</h1>
        <Space size={4}>
          <LanguageSwitch />
          <Button type="text" size="small" icon={<LogoutOutlined />} onClick={async () => { await logout(); navigate('/login'); }}>{t('logout')}</Button>
        </Space>
      </div>
      <Segmented block value={pathname} onChange={(p) => navigate(p)} style={{ marginBottom: 12 }} data-testid="me-nav"
        options={PAGES.map((p) => ({ value: p, label: t(p === '/me/code' ? 'nav.code' : 'nav.home') }))} />
      {children}
    </div>
  );
};
