// The headline figures of the period, one card each.
import { Card, Statistic } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import type { Overview } from '../stats-api.ts';
import { statsMessages } from '../stats-messages.ts';

type Key = 'received' | 'closed' | 'closureRate' | 'onTimeRate' | 'avgHandlingHours' | 'overdueNow' | 'escalated' | 'satisfactionRate';
type Kpi = { key: Key; format: (o: Overview) => string; warn?: (o: Overview) => boolean };

const KPIS: Kpi[] = [
  { key: 'received', format: (o) => formatNumber(o.received) },
  { key: 'closed', format: (o) => formatNumber(o.closed) },
  { key: 'closureRate', format: (o) => formatPercent(o.closureRate) },
  { key: 'onTimeRate', format: (o) => formatPercent(o.onTimeRate) },
  { key: 'avgHandlingHours', format: (o) => formatNumber(o.avgHandlingHours) },
  { key: 'overdueNow', format: (o) => formatNumber(o.overdueNow), warn: (o) => o.overdueNow > 0 },
  { key: 'escalated', format: (o) => formatNumber(o.escalated) },
  { key: 'satisfactionRate', format: (o) => formatPercent(o.satisfactionRate) },
];

export const KpiCards = ({ overview }: { overview: Overview }) => {
  const t = useT(statsMessages);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(8, minmax(0, 1fr))', gap: 12, marginBottom: 16 }} data-testid="overview-kpis">
      {KPIS.map((k) => (
        <Card key={k.key} size="small" data-kpi={k.key} data-testid={`kpi-${k.key}`} data-value={String(overview[k.key] ?? '')}>
          <Statistic
            title={t(k.key)}
            value={k.format(overview)}
            suffix={k.key === 'avgHandlingHours' && overview.avgHandlingHours !== null ? t('hoursUnit') : undefined}
            styles={{ content: { fontSize: 22, ...(k.warn?.(overview) ? { color: '#cf1322' } : {}) } }}
          />
        </Card>
      ))}
    </div>
  );
};
