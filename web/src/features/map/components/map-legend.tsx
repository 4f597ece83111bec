// What the colours mean, over the map's corner; clicking a state hides or shows its markers.
import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import { GRID_FILLS, OVERDUE_RING, STATE_GROUPS } from '../map-colours.ts';
import { mapMessages } from '../map-messages.ts';

const Dot = ({ colour, ring }: { colour: string; ring?: string }) => (
  <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', background: colour, border: `2px solid ${ring ?? '#fff'}`, boxShadow: '0 0 0 1px #d1d5db', marginRight: 6, verticalAlign: -1 }} />
);
const Swatch = ({ colour }: { colour: string }) => (
  <span style={{ display: 'inline-block', width: 14, height: 10, background: colour, border: '1px solid #60a5fa', marginRight: 6 }} />
);

const BOX: CSSProperties = {
  position: 'absolute', left: 12, bottom: 12, zIndex: 500, width: 268, padding: '8px 12px', background: 'rgba(255,255,255,0.94)',
  borderRadius: 8, boxShadow: '0 1px 4px rgba(0,0,0,0.15)', fontSize: 12,
};

export const MapLegend = ({ hidden, onToggle }: { hidden: ReadonlySet<string>; onToggle: (group: string) => void }) => {
  const t = useT(mapMessages);
  return (
    <div style={BOX} data-testid="map-legend">
      <Typography.Text strong>{t('legend')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{t('legendHint')}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 8px', marginTop: 4 }}>
        {STATE_GROUPS.map((g) => (
          <label key={g.key} data-state={g.key} style={{ cursor: 'pointer', lineHeight: '22px', opacity: hidden.has(g.key) ? 0.4 : 1, userSelect: 'none', whiteSpace: 'nowrap' }}>
            <input type="checkbox" checked={!hidden.has(g.key)} onChange={() => onToggle(g.key)} style={{ position: 'absolute', opacity: 0, width: 0 }} />
            <Dot colour={g.colour} />
            <span style={{ textDecoration: hidden.has(g.key) ? 'line-through' : undefined }}>{g.states.map((s) => t(`state.${s}`)).join(' / ')}</span>
          </label>
        ))}
      </div>
      <div style={{ marginTop: 6, paddingTop: 6, borderTop: '1px solid #e5e7eb', lineHeight: '20px' }}>
        <div><Dot colour="#9ca3af" ring={OVERDUE_RING} />{t('overdueRing')}</div>
        <div><Swatch colour={GRID_FILLS.overdue} />{t('legendGridOverdue')}</div>
        <div><Swatch colour={GRID_FILLS.open} />{t('legendGridOpen')}</div>
        <div><Swatch colour={GRID_FILLS.quiet} />{t('legendGridQuiet')}</div>
      </div>
    </div>
  );
};
