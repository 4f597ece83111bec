// A form's submit: busy while it runs, and the API's own words when it fails.
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { errorMessage } from '../components/page-state.tsx';

export const useSubmit = () => {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [message]);
  return [busy, run] as const;
};
