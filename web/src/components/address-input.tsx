// A free-text address resolved live to the standard address (统一地址库) and its grid, as people type.
import { CheckCircleFilled, EnvironmentOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';

export type Resolution =
  | { status: 'resolved'; confidence: number; address: { id: number; fullText: string; gridCode: string; lng: number; lat: number } }
  | { status: 'unresolved' | 'ambiguous'; message: string; candidates: { id: number; fullText: string }[] };

export type Place = { addressText: string; resolution: Resolution | null; point: { lng: number; lat: number } | null };

type Labels = { placeholder: string; locate: string; located: string; resolved: string; notFound: string };

const useDebounced = <T,>(value: T, ms: number) => {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
};

export const AddressInput = ({ value, onChange, labels }: { value?: Place; onChange?: (p: Place) => void; labels: Labels }) => {
  const place = value ?? { addressText: '', resolution: null, point: null };
  const text = useDebounced(place.addressText, 350);
  const [locating, setLocating] = useState(false);
  const [gridOfPoint, setGridOfPoint] = useState<string | null>(null);

  useEffect(() => {
    if (text.trim().length < 4) return;
    let alive = true;
    api<Resolution>('/addresses/resolve', { body: { text } })
      .then((r) => alive && onChange?.({ ...place, addressText: text, resolution: r }))
      .catch(() => undefined);
    return () => void (alive = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const locate = () => {
    if (!navigator.geolocation) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const point = { lng: pos.coords.longitude, lat: pos.coords.latitude };
        const r = await api<{ gridCode: string | null }>('/grids/locate', { query: point }).catch(() => ({ gridCode: null }));
        setGridOfPoint(r.gridCode);
        onChange?.({ ...place, point });
        setLocating(false);
      },
      () => setLocating(false),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const r = place.resolution;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={place.addressText}
          placeholder={labels.placeholder}
          maxLength={200}
          onChange={(e) => onChange?.({ ...place, addressText: e.target.value, resolution: null })}
          data-testid="address-input"
        />
        <Button icon={<EnvironmentOutlined />} loading={locating} onClick={locate} aria-label={labels.locate} />
      </Space.Compact>
      {place.point && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {labels.located} {place.point.lng.toFixed(5)}, {place.point.lat.toFixed(5)} {gridOfPoint ? `· ${gridOfPoint}` : ''}
        </Typography.Text>
      )}
      {r?.status === 'resolved' && (
        <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="address-resolved">
          <CheckCircleFilled /> {labels.resolved}: {r.address.fullText} · {r.address.gridCode}
        </Typography.Text>
      )}
      {r && r.status !== 'resolved' && (
        <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="address-unresolved">
          <WarningFilled /> {labels.notFound}: {r.message}
          {r.candidates.length > 0 && (
            <span>
              {' '}
              {r.candidates.slice(0, 3).map((c) => (
                <Button key={c.id} type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onChange?.({ ...place, addressText: c.fullText, resolution: null })}>
                  {c.fullText}
                </Button>
              ))}
            </span>
          )}
        </Typography.Text>
      )}
    </Space>
  );
};
