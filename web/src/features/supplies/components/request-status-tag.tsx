// A request's status in the same colour on every page.
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import type { RequestStatus } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

const COLOURS: Record<RequestStatus, string> = { requested: 'orange', allocated: 'processing', delivered: 'success', cancelled: 'default' };

export const RequestStatusTag = ({ status }: { status: RequestStatus }) => {
  const t = useT(supplyMessages);
  return <Tag color={COLOURS[status]} data-status={status}>{t(`status.${status}`)}</Tag>;
};
