// The signed-in user, their area, the language switch and sign-out: in both the console and field headers.
import { GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../lib/api.ts';
import { setLocale, useLocale, useT } from '../i18n/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

export const LanguageSwitch = () => {
  const t = useT();
  const locale = useLocale();
  return (
    <Button type="text" size="small" icon={<GlobalOutlined />} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
      {t('language')}
    </Button>
  );
};

export const UserMenu = ({ compact = false }: { compact?: boolean }) => {
  const t = useT();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const area = useApi(() => (me ? api<{ name: string }>(`/areas/${me.areaCode.slice(0, 12)}`).catch(() => null) : Promise.resolve(null)), [me?.areaCode]);
  if (!me) return null;
  return (
    <Space size={compact ? 4 : 12} wrap={false}>
      {!compact && (
        <Typography.Text type="secondary" data-testid="user-area">
          {area.data?.name ?? me.areaCode} · {me.roles.map((r) => t(`role.${r}`)).join('、')}
        </Typography.Text>
      )}
      <Typography.Text strong data-testid="user-name">{me.displayName}</Typography.Text>
      <LanguageSwitch />
      <Button
        type="text"
        size="small"
        icon={<LogoutOutlined />}
        aria-label={t('logout')}
        onClick={async () => {
          await logout();
          navigate('/login');
        }}
      >
        {compact ? null : t('logout')}
      </Button>
    </Space>
  );
};
