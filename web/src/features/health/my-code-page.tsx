// 我的健康码, the resident's phone page: the colour, a QR of a short-lived sealed token (fetched again
// every minute, on return to the page and on "refresh"), the masked name and ID, why, and 申诉纠错.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../components/page-state.tsx';
import { getLocale, useT } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { MeShell } from '../me/me-shell.tsx';
import { AppealForm } from './components/appeal-form.tsx';
import { CodeQr } from './components/code-qr.tsx';
import { CODE_COLOURS, Reasons } from './components/colour-tag.tsx';
import { getMyCode } from './health-api.ts';
import { myCodeMessages } from './my-code-messages.ts';
import { useEvery } from './use-every.ts';

const REFRESH_S = 60;
const formatTime = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));

export const MyCodePage = () => {
  const t = useT(myCodeMessages);
  const code = useApi(getMyCode, []);
  const [now, setNow] = useState(() => Date.now());
  // When the code shown was received or last asked for: the countdown runs from there, on the phone's clock.
  const [stamp, setStamp] = useState(() => Date.now());
  useEvery(1_000, () => setNow(Date.now()));
  const c = code.data;
  useEffect(() => setStamp(Date.now()), [c]);
  const left = Math.min(REFRESH_S, Math.max(0, REFRESH_S - Math.floor((now - stamp) / 1000)));
  const expired = c ? now - stamp >= Date.parse(c.expiresAt) - Date.parse(c.issuedAt) : false;
  const refresh = useCallback(() => {
    setStamp(Date.now());
    code.reload();
  }, [code.reload]);
  // Fetched again once a minute (again a minute later if that failed), and when the phone comes back to the page.
  useEffect(() => {
    if (left === 0) refresh();
  }, [left, refresh]);
  useEffect(() => {
    const back = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', back);
    return () => document.removeEventListener('visibilitychange', back);
  }, [refresh]);

  return (
    <MeShell title={t('title')} className="my-code">
      {!c && code.error ? (
        <Result status="warning" title={t('noPerson')} subTitle={errorMessage(code.error)} extra={<Button onClick={refresh}>{t('refresh')}</Button>} />
      ) : !c ? (
        <div className="page-loading" />
      ) : (
        <>
          <Card className="my-code-card" styles={{ body: { padding: 0 } }}>
            <div className="my-code-banner" style={{ background: CODE_COLOURS[c.colour] }} data-testid="my-code-colour" data-colour={c.colour}>{t(`banner.${c.colour}`)}</div>
            <div className="my-code-body">
              <div className="my-code-person">
                <span data-testid="my-code-name">{c.name}</span>
                <span className="muted">{c.idNumber}</span>
              </div>
              <div style={{ opacity: expired ? 0.25 : 1 }}><CodeQr token={c.token} colour={c.colour} /></div>
              <Typography.Text type={expired ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {expired ? t('expired') : <>{t('issuedAt')} {formatTime(c.issuedAt)} · <span data-testid="my-code-countdown">{t('refreshIn', { n: left })}</span></>}
              </Typography.Text>
              <Button icon={<ReloadOutlined />} onClick={refresh} loading={code.loading} style={{ marginTop: 8 }} data-testid="my-code-refresh">{t('refresh')}</Button>
            </div>
          </Card>
          <Card size="small" title={t('reasons')} style={{ marginTop: 12 }}>
            <Reasons reasons={c.reasons} />
            {c.reviewAt && <div className="muted" style={{ marginTop: 8, fontSize: 12 }}>{t('reviewAt')} {formatDateTime(c.reviewAt)}</div>}
          </Card>
          <Card size="small" title={t('appeal')} style={{ marginTop: 12 }}>
            <AppealForm appeal={c.appeal} onFiled={code.reload} />
          </Card>
        </>
      )}
    </MeShell>
  );
};
