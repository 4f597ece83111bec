// The admin pages' translator, and labels for codes that come from data (unit types, audit actions…),
// falling back to the code itself when a new one has no label yet.
import { useT } from '../../../i18n/i18n.ts';
import { adminMessages } from '../admin-messages.ts';

type Key = keyof typeof adminMessages.zh;

export const useAdminT = () => {
  const t = useT(adminMessages);
  const label = (prefix: 'unitType' | 'audit' | 'target' | 'priority' | 'step' | 'role', code: string) => {
    const key = `${prefix}.${code}`;
    const s = t(key as Key);
    return s === key ? code : s;
  };
  return { t, label };
};
