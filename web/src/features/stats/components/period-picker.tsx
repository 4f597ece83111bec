// The period of the figures: whole days, with the usual spans one click away.
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n.ts';
import { addDays, type Period } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';

const FORMAT = 'YYYY-MM-DD';

export const PeriodPicker = ({ value, today, onChange }: { value: Period; today: string; onChange: (p: Period) => void }) => {
  const t = useT(statsMessages);
  const span = (days: number): [Dayjs, Dayjs] => [dayjs(addDays(today, 1 - days)), dayjs(today)];
  return (
    <DatePicker.RangePicker
      data-testid="overview-period"
      allowClear={false}
      value={[dayjs(value.from), dayjs(value.to)]}
      disabledDate={(d) => d.format(FORMAT) > today}
      presets={[
        { label: t('last7'), value: span(7) },
        { label: t('last30'), value: span(30) },
        { label: t('last90'), value: span(90) },
        { label: t('thisYear'), value: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] },
      ]}
      onChange={(range) => range?.[0] && range[1] && onChange({ from: range[0].format(FORMAT), to: range[1].format(FORMAT) })}
    />
  );
};
