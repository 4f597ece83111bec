// Reporting an event from the street in under a minute: category, what, photos, where.
import { App, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { AddressInput, type Place } from '../../components/address-input.tsx';
import { CategorySelect } from '../../components/category-select.tsx';
import { ErrorAlert } from '../../components/page-state.tsx';
import { PhotoPicker } from '../../components/photo-picker.tsx';
import { useT } from '../../i18n/i18n.ts';
import { reportEvent } from '../events/events-api.ts';
import { fieldMessages } from './field-messages.ts';

type Values = { categoryCode: string; description: string; place: Place };

export const FieldReportPage = () => {
  const t = useT(fieldMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [photoIds, setPhotoIds] = useState<number[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per report: a retry after a lost answer does not report twice.
  const key = useRef(crypto.randomUUID());

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const e = await reportEvent(
        { categoryCode: v.categoryCode, channel: 'grid_patrol', description: v.description.trim(), addressText: v.place.addressText.trim() || null, lng: v.place.point?.lng ?? null, lat: v.place.point?.lat ?? null, photoIds },
        key.current,
      );
      message.success(t('reported', { code: e.code }));
      navigate(`/field/events/${e.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const labels = { placeholder: t('addressPlaceholder'), locate: t('locate'), located: t('located'), resolved: t('resolved'), notFound: t('notFound') };
  return (
    <>
      <h2 style={{ margin: '4px 0 12px' }}>{t('report')}</h2>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="field-report-form">
        <Form.Item name="categoryCode" label={t('category')} rules={[{ required: true, message: t('categoryRequired') }]}>
          <CategorySelect />
        </Form.Item>
        <Form.Item name="description" label={t('description')} rules={[{ required: true, whitespace: true, min: 5, message: t('descriptionRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('photos')}>
          <PhotoPicker label={t('addPhoto')} onChange={setPhotoIds} />
        </Form.Item>
        <Form.Item
          name="place"
          label={t('location')}
          initialValue={{ addressText: '', resolution: null, point: null }}
          rules={[{ validator: (_, p: Place) => (p.point || p.addressText.trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('locationRequired')))) }]}
        >
          <AddressInput labels={labels} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" block size="large" loading={busy} style={{ marginTop: 12 }}>{t('submitReport')}</Button>
      </Form>
    </>
  );
};
