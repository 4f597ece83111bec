// The state of an event and the colour of its deadline, the same everywhere.
import { Tag } from 'antd';
import { useT } from '../i18n/i18n.ts';

const STATE_COLOURS: Record<string, string> = {
  reported: 'blue', accepted: 'geekblue', dispatched: 'purple', signed: 'cyan', handling: 'processing', returned: 'orange',
  feedback: 'gold', verified: 'lime', closed: 'success', rejected: 'default', merged: 'default',
};
const DEADLINE_COLOURS: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };

export const StateTag = ({ state }: { state: string }) => {
  const t = useT();
  return <Tag color={STATE_COLOURS[state] ?? 'default'}>{t(`state.${state}`)}</Tag>;
};

export const DeadlineTag = ({ colour }: { colour: string | null }) => {
  const t = useT();
  if (!colour) return null;
  return <Tag color={DEADLINE_COLOURS[colour]} data-colour={colour}>{t(`colour.${colour}`)}</Tag>;
};
