import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { useLocale } from './i18n/i18n.ts';
import { SessionProvider } from './lib/session.tsx';
import { router } from './router.tsx';
import './styles.css';

const Root = () => {
  const locale = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 6 } }}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
