// Loading, error and empty states, so no page is ever a blank screen.
import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api.ts';
import { useT } from '../i18n/i18n.ts';
import type { Loaded } from '../lib/use-api.ts';

export const errorMessage = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));

export const ErrorAlert = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error)}
      description={error instanceof ApiError && error.code !== 'network' ? error.code : undefined}
      action={onRetry && <Button size="small" onClick={onRetry}>{t('retry')}</Button>}
    />
  );
};

/** Renders the children with the data once loaded; a spinner before, the error with a retry on failure. */
export const Loading = <T,>({ state, children, empty }: { state: Loaded<T>; children: (data: T) => ReactNode; empty?: (data: T) => boolean }) => {
  const t = useT();
  if (state.error && state.data === undefined) return <Result status="warning" title={errorMessage(state.error)} extra={<Button onClick={state.reload}>{t('retry')}</Button>} />;
  if (state.data === undefined) return <div className="page-loading"><Spin description={t('loading')} /></div>;
  if (empty?.(state.data)) return <Empty description={t('empty')} />;
  return <>{children(state.data)}</>;
};
