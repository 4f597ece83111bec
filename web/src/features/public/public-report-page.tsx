// A resident reports a problem without an account and gets a tracking number.
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { AddressInput, type Place } from '../../components/address-input.tsx';
import { CategorySelect } from '../../components/category-select.tsx';
import { ErrorAlert } from '../../components/page-state.tsx';
import { PhotoPicker } from '../../components/photo-picker.tsx';
import { useT } from '../../i18n/i18n.ts';
import { publicMessages } from './public-messages.ts';
import { reportPublic } from './public-api.ts';
import { PublicShell } from './public-shell.tsx';

type Values = { categoryCode: string; description: string; place: Place; reporterName?: string; reporterPhone: string };

export const PublicReportPage = () => {
  const t = useT(publicMessages);
  const [form] = Form.useForm<Values>();
  const [photoIds, setPhotoIds] = useState<number[]>([]);
  const [done, setDone] = useState<{ code: string; phone: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await reportPublic({
        categoryCode: v.categoryCode,
        description: v.description.trim(),
        addressText: v.place.addressText.trim() || null,
        lng: v.place.point?.lng ?? null,
        lat: v.place.point?.lat ?? null,
        photoIds,
        reporterName: v.reporterName?.trim() || null,
        reporterPhone: v.reporterPhone.trim(),
      });
      setDone({ code: r.code, phone: v.reporterPhone.trim() });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PublicShell title={t('title')}>
        <Card>
          <Result
            status="success"
            title={t('thanks')}
            subTitle={
              <>
                <div>{t('trackingNumber')}</div>
                <Typography.Title level={3} copyable data-testid="tracking-number" style={{ margin: '8px 0' }}>{done.code}</Typography.Title>
                <div>{t('keepNumber')}</div>
              </>
            }
            extra={[
              <Link key="track" to={`/public/track/${done.code}?phone=${done.phone.slice(-4)}`}><Button type="primary">{t('trackNow')}</Button></Link>,
              <Button key="again" onClick={() => { setDone(null); form.resetFields(); setPhotoIds([]); }}>{t('reportAnother')}</Button>,
            ]}
          />
        </Card>
      </PublicShell>
    );
  }

  const labels = { placeholder: t('addressPlaceholder'), locate: t('locate'), located: t('located'), resolved: t('resolved'), notFound: t('notFound') };
  return (
    <PublicShell title={t('title')}>
      <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="public-report-form">
          <Form.Item name="categoryCode" label={t('category')} rules={[{ required: true, message: t('categoryRequired') }]}>
            <CategorySelect />
          </Form.Item>
          <Form.Item name="description" label={t('description')} rules={[{ required: true, whitespace: true, min: 5, message: t('descriptionRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="place"
            label={t('address')}
            initialValue={{ addressText: '', resolution: null, point: null }}
            rules={[{ validator: (_, p: Place) => (p.point || p.addressText.trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('addressRequired')))) }]}
          >
            <AddressInput labels={labels} />
          </Form.Item>
          <Form.Item label={t('photos')}>
            <PhotoPicker label={t('addPhoto')} onChange={setPhotoIds} />
          </Form.Item>
          <Form.Item name="reporterName" label={t('name')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="reporterPhone" label={t('phone')} extra={t('phoneHint')} rules={[{ required: true, pattern: /^1\d{10}$/, message: t('phoneRequired') }]}>
            <Input inputMode="tel" maxLength={11} autoComplete="tel" />
          </Form.Item>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" block size="large" loading={busy} style={{ marginTop: 12 }}>{t('submit')}</Button>
        </Form>
      </Card>
      <p style={{ textAlign: 'center', marginTop: 16 }}><Link to="/public/track">{t('toTrack')}</Link></p>
    </PublicShell>
  );
};
