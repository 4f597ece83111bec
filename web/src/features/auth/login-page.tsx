// Sign-in, with the demo accounts listed in demo mode and a clear word for every refusal.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../components/user-menu.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api, ApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { homeOf, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { authMessages } from './auth-messages.ts';

type Demo = { demo: boolean; password?: string; users?: { username: string; displayName: string; roles: string[] }[] };

export const LoginPage = () => {
  const t = useT(authMessages);
  const { me, login, endedBecause } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const demo = useApi(() => api<Demo>('/demo').catch(() => ({ demo: false }) as Demo), []);
  if (me && !busy) return <Navigate to={homeOf(me)} replace />;

  const refusal = (e: unknown) => {
    if (!(e instanceof ApiError)) return String(e);
    if (e.code === 'auth.locked') return t('locked', { until: formatDateTime((e.details as { lockedUntil?: string } | undefined)?.lockedUntil) });
    if (e.code === 'auth.invalid_credentials') return t('wrong');
    if (e.code === 'auth.disabled') return t('disabled');
    return e.message;
  };
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await login(v.username.trim(), v.password);
      navigate(params.get('next') ?? homeOf(user), { replace: true });
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };
  const ended = endedBecause === 'auth.session_expired' || params.get('reason') === 'expired' ? t('expired') : endedBecause === 'auth.disabled' ? t('disabled') : null;

  return (
    <div className="login-page">
      <Card className="login-card" title={<Space><img src="/favicon.svg" alt="" width={28} />{t('appName')} · {t('appTitle')}</Space>} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        {ended && <Alert type="warning" showIcon title={ended} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} size="large">{t('signIn')}</Button>
        </Form>
        {demo.data?.demo && demo.data.users && (
          <div style={{ marginTop: 20 }} data-testid="demo-users">
            <Typography.Text strong>{t('demoTitle', { password: demo.data.password ?? '' })}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>{t('demoHint')}</Typography.Paragraph>
            <Space size={[6, 6]} wrap>
              {demo.data.users.map((u) => (
                <Tag
                  key={u.username}
                  style={{ cursor: 'pointer' }}
                  title={u.displayName}
                  onClick={() => form.setFieldsValue({ username: u.username, password: demo.data?.password ?? '' })}
                >
                  {u.username} · {u.roles.map((r) => t(`role.${r}`)).join('、')}
                </Tag>
              ))}
            </Space>
          </div>
        )}
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/public">{t('publicLink')}</Link>
        </div>
      </Card>
    </div>
  );
};
