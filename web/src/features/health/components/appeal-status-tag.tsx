// The state of an appeal as a tag.
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import type { AppealStatus } from '../health-api.ts';
import { healthBase } from '../health-messages.ts';

const COLOURS: Record<AppealStatus, string> = { pending: 'processing', granted: 'success', rejected: 'default' };

export const AppealStatusTag = ({ status }: { status: AppealStatus }) => {
  const t = useT(healthBase);
  return <Tag color={COLOURS[status]}>{t(`appeal.${status}`)}</Tag>;
};
