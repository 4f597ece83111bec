// The shape of a new zone: drawn on the map corner by corner, or imported as GeoJSON (file or paste).
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Segmented, Space, Typography, Upload } from 'antd';
import type { GeoJsonObject, Polygon } from 'geojson';
import { useMemo, useState } from 'react';
import { useT } from '../../../i18n/i18n.ts';
import type { Grid } from '../../map/map-api.ts';
import type { Zone } from '../zones-api.ts';
import { zoneMessages } from '../zone-messages.ts';
import { ZoneMap, type LngLat } from './zone-map.tsx';

type Mode = 'draw' | 'import';
type Props = { grids: readonly Grid[]; zones: readonly Zone[]; onChange: (shape: GeoJsonObject | null) => void };

/** Corners without the repeats a double-click leaves behind. */
const distinct = (ps: readonly LngLat[]) => ps.filter((p, i) => i === 0 || p[0] !== ps[i - 1]![0] || p[1] !== ps[i - 1]![1]);
const close = (ps: readonly LngLat[]): Polygon => ({ type: 'Polygon', coordinates: [[...ps, ps[0]!]] });

const parse = (text: string): { shape: GeoJsonObject | null; error: string | null } => {
  if (!text.trim()) return { shape: null, error: null };
  try {
    const o = JSON.parse(text) as GeoJsonObject;
    if (!o || typeof o !== 'object' || typeof o.type !== 'string') return { shape: null, error: 'not a GeoJSON object' };
    return { shape: o, error: null };
  } catch (e) {
    return { shape: null, error: (e as Error).message };
  }
};

export const ZoneShape = ({ grids, zones, onChange }: Props) => {
  const t = useT(zoneMessages);
  const [mode, setMode] = useState<Mode>('draw');
  const [corners, setCorners] = useState<LngLat[]>([]);
  const [closed, setClosed] = useState<Polygon | null>(null);
  const [text, setText] = useState('');
  const imported = useMemo(() => parse(text), [text]);

  const finish = () => {
    const ps = distinct(corners);
    if (ps.length < 3) return;
    const shape = close(ps);
    setClosed(shape);
    setCorners([]);
    onChange(shape);
  };
  const clear = () => {
    setCorners([]);
    setClosed(null);
    onChange(null);
  };
  const switchTo = (m: Mode) => {
    setMode(m);
    onChange(m === 'draw' ? closed : imported.shape);
  };
  const paste = (s: string) => {
    setText(s);
    onChange(parse(s).shape);
  };

  return (
    <div>
      <Segmented<Mode> value={mode} onChange={switchTo} options={[{ value: 'draw', label: t('byDrawing') }, { value: 'import', label: t('byImport') }]} style={{ marginBottom: 8 }} data-testid="zone-shape-mode" />
      {mode === 'draw' ? (
        <Space wrap style={{ marginBottom: 8, marginLeft: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{closed ? t('shapeReady') : `${t('drawHint')} ${t('vertices', { n: distinct(corners).length })}`}</Typography.Text>
          <Button size="small" type="primary" disabled={distinct(corners).length < 3} onClick={finish}>{t('finish')}</Button>
          <Button size="small" disabled={corners.length === 0} onClick={() => setCorners((c) => c.slice(0, -1))}>{t('undo')}</Button>
          <Button size="small" disabled={!closed && corners.length === 0} onClick={clear}>{t('clear')}</Button>
        </Space>
      ) : (
        <div style={{ marginBottom: 8 }}>
          <Space style={{ marginBottom: 6 }}>
            <Upload accept=".geojson,.json,application/geo+json,application/json" maxCount={1} showUploadList={false}
              beforeUpload={(f) => { void f.text().then(paste); return false; }}>
              <Button size="small" icon={<UploadOutlined />}>{t('chooseFile')}</Button>
            </Upload>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('geojsonHint')}</Typography.Text>
          </Space>
          <Input.TextArea value={text} onChange={(e) => paste(e.target.value)} rows={3} aria-label={t('geojson')} data-testid="zone-geojson" style={{ fontFamily: 'monospace', fontSize: 12 }} />
          {imported.error && <Alert type="error" showIcon title={t('badJson', { reason: imported.error })} style={{ marginTop: 6 }} />}
        </div>
      )}
      <ZoneMap
        grids={grids}
        zones={zones}
        height={360}
        testId="zone-draw-map"
        drawing={mode === 'draw' && !closed}
        vertices={mode === 'draw' ? corners : []}
        draft={mode === 'draw' ? closed : imported.shape}
        focus={mode === 'import' ? imported.shape : null}
        focusZoom={16}
        onVertex={(p) => setCorners((c) => [...c, p])}
        onFinish={finish}
      />
    </div>
  );
};
