// The residents' pages: a plain header, the language switch and a way to staff sign-in.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/user-menu.tsx';
import { useT } from '../../i18n/i18n.ts';
import { publicMessages } from './public-messages.ts';

export const PublicShell = ({ title, children }: { title: string; children: ReactNode }) => {
  const t = useT(publicMessages);
  return (
    <div className="public">
      <div className="public-header">
        <h1 style={{ margin: 0, fontSize: 22 }}>{title}</h1>
        <LanguageSwitch />
      </div>
      {children}
      <p style={{ textAlign: 'center', marginTop: 24 }}>
        <Link to="/login" className="muted">{t('staffLogin')}</Link>
      </p>
    </div>
  );
};
