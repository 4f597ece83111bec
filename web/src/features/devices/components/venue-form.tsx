// 登记场所: a code, a name, a kind, the capacity, the grid it stands in, and optionally an address,
// a position and the unit that manages it.
import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useSession } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { listUnits } from '../../admin/admin-api.ts';
import { AreaPicker } from '../../registry/components/area-picker.tsx';
import { createVenue, VENUE_KINDS, type NewVenue } from '../devices-api.ts';
import { venueMessages } from '../venue-messages.ts';

export const VenueForm = ({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) => {
  const t = useT(venueMessages);
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewVenue>();
  const [busy, run] = useSubmit();
  const units = useApi(() => (open ? listUnits(me?.scope) : Promise.resolve({ items: [] })), [open, me?.scope]);
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const venue = await createVenue({ ...v, address: v.address?.trim() || undefined, lng: v.lng ?? undefined, lat: v.lat ?? undefined, managerUnitId: v.managerUnitId ?? undefined });
      message.success(t('created', { name: venue.name }));
      form.resetFields();
      onDone();
    });
  };
  return (
    <Modal open={open} title={t('createVenue')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'market' }} data-testid="venue-form">
        <Space wrap align="start">
          <Form.Item name="name" label={t('venueName')} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('nameRule') }]}>
            <Input maxLength={60} style={{ width: 260 }} placeholder="凯旋农贸市场" />
          </Form.Item>
          <Form.Item name="code" label={t('venueCode')} normalize={(v: string) => v.toUpperCase()} rules={[{ required: true, pattern: /^[A-Z0-9-]{3,32}$/, message: t('codeRule') }]}>
            <Input maxLength={32} style={{ width: 260 }} placeholder="KX-MARKET-01" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true, message: t('kindRequired') }]}>
            <Select style={{ width: 160 }} options={VENUE_KINDS.map((k) => ({ value: k, label: t(`venueKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="capacity" label={t('capacity')} rules={[{ required: true, message: t('capacityRequired') }]}>
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="managerUnitId" label={t('managerUnit')}>
            <Select allowClear style={{ width: 200 }} loading={units.loading} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Space>
        <Form.Item name="gridCode" label={t('grid')}
          rules={[{ required: true, message: t('gridRequired') }, { validator: (_, v?: string) => (!v || v.length === 15 ? Promise.resolve() : Promise.reject(new Error(t('gridOnly')))) }]}>
          <AreaPicker grids style={{ width: 400 }} />
        </Form.Item>
        <Form.Item name="address" label={t('address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="lng" label={t('lng')}><InputNumber min={73} max={136} step={0.0001} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="lat" label={t('lat')}><InputNumber min={3} max={54} step={0.0001} style={{ width: 160 }} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
};
