// The grid clicked on the map: its name, its staff and how many of its events are open, closed, overdue.
import { Card, Descriptions, Empty, Statistic, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { listEventPage, type Grid } from '../map-api.ts';
import { countByGrid, type GridCounts } from '../map-colours.ts';
import { mapMessages } from '../map-messages.ts';

const DUTY_COLOURS: Record<string, string> = { leader: 'blue', full_time: 'green', part_time: 'default', police: 'purple', doctor: 'cyan' };
const NONE: GridCounts = { open: 0, closed: 0, overdue: 0 };

/** Counts from the events already on the map when they are all there, else from the grid's own list. */
const useGridCounts = (grid: Grid, known: GridCounts | undefined, complete: boolean) => {
  const own = useApi(
    async () => (complete ? null : countByGrid((await listEventPage({ area: grid.code })).items).get(grid.code) ?? NONE),
    [grid.code, complete],
  );
  return { counts: complete ? known ?? NONE : own.data ?? null, error: own.error, reload: own.reload };
};

const Counts = ({ grid, known, complete }: { grid: Grid; known: GridCounts | undefined; complete: boolean }) => {
  const t = useT(mapMessages);
  const { counts, error, reload } = useGridCounts(grid, known, complete);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <div style={{ display: 'flex', gap: 24 }} data-testid="grid-counts">
      <Statistic title={t('open')} value={counts ? formatNumber(counts.open) : '…'} />
      <Statistic title={t('closed')} value={counts ? formatNumber(counts.closed) : '…'} />
      <Statistic title={t('overdue')} value={counts ? formatNumber(counts.overdue) : '…'} styles={{ content: counts?.overdue ? { color: '#cf1322' } : undefined }} />
    </div>
  );
};

export const GridPanel = ({ grid, known, complete }: { grid: Grid | null; known: GridCounts | undefined; complete: boolean }) => {
  const t = useT(mapMessages);
  if (!grid) {
    return (
      <Card size="small" title={t('gridTitle')} data-testid="grid-panel">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridHint')} />
      </Card>
    );
  }
  return (
    <Card size="small" title={grid.name} data-testid="grid-panel">
      <Descriptions size="small" column={1} items={[
        { key: 'code', label: t('gridCode'), children: grid.code },
        { key: 'households', label: t('households'), children: formatNumber(grid.households) },
        ...(grid.partyBranch ? [{ key: 'party', label: t('partyBranch'), children: grid.partyBranch }] : []),
      ]} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('eventCounts')}</Typography.Title>
      <Counts grid={grid} known={known} complete={complete} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('staff')}</Typography.Title>
      <div data-testid="grid-staff">
        {grid.staff.length === 0 && <Typography.Text type="secondary">{t('noStaff')}</Typography.Text>}
        {grid.staff.map((s) => (
          <div key={s.id} style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <span><Tag color={DUTY_COLOURS[s.duty] ?? 'default'} style={{ marginRight: 8 }}>{t(`duty.${s.duty}` as keyof typeof mapMessages.zh)}</Tag>{s.name}</span>
            {s.phone && <a href={`tel:${s.phone}`}>{s.phone}</a>}
          </div>
        ))}
      </div>
    </Card>
  );
};
