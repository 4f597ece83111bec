// 调拨: a warehouse of the household's street that holds every line asked for, and a grid worker of the
// household's grid to deliver it. The API takes the stock in the same step, all lines or none.
import { App, Form, Modal, Select, Typography } from 'antd';
import { useT } from '../../../i18n/i18n.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSubmit } from '../../../lib/use-submit.ts';
import { AreaName } from '../../registry/components/area-name.tsx';
import { allocateRequest, linesText, listAssignees, listWarehouses, useItems, type SupplyRequest, type Warehouse } from '../supplies-api.ts';
import { supplyMessages } from '../supply-messages.ts';

type Values = { warehouseId: number; assigneeId: number };

/** The lines a warehouse cannot cover. */
const shortOf = (w: Warehouse, r: SupplyRequest) => r.items.filter((l) => (w.stock.find((s) => s.item === l.item)?.quantity ?? 0) < l.quantity);

export const AllocateModal = ({ request, onClose, onDone }: { request: SupplyRequest | null; onClose: () => void; onDone: () => void }) => {
  const t = useT(supplyMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useSubmit();
  const items = useItems();
  const id = request?.id;
  // A warehouse serves a street: the household's grid code begins with it.
  const warehouses = useApi(() => (request ? listWarehouses(request.gridCode.slice(0, 9)) : Promise.resolve({ items: [] })), [id]);
  const assignees = useApi(() => (id ? listAssignees(id) : Promise.resolve({ items: [] })), [id]);

  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const r = await allocateRequest(request!.id, v);
      message.success(t('allocated', { name: r.assignee?.name ?? '' }));
      onDone();
    });
  };
  return (
    <Modal open={!!request} title={request ? t('allocateTitle', { head: request.headName }) : ''} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')}
      confirmLoading={busy} destroyOnHidden width={560}>
      {request && (
        <Form form={form} layout="vertical" preserve={false} data-testid="allocate-form">
          <Typography.Paragraph>
            <Typography.Text type="secondary">{request.address ?? <AreaName code={request.gridCode} />}</Typography.Text>
            <br />
            {linesText(request.items, items.data?.items)}
          </Typography.Paragraph>
          <Form.Item name="warehouseId" label={t('warehouse')} rules={[{ required: true, message: t('pickWarehouse') }]}>
            <Select loading={warehouses.loading} data-testid="allocate-warehouse" notFoundContent={t('noWarehouses')}
              options={(warehouses.data?.items ?? []).map((w) => {
                const short = shortOf(w, request);
                return { value: w.id, disabled: short.length > 0, label: short.length ? `${w.name}（${t('stockShort')}：${linesText(short, items.data?.items)}）` : w.name };
              })} />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('assignee')} rules={[{ required: true, message: t('pickAssignee') }]}>
            <Select loading={assignees.loading} data-testid="allocate-assignee" notFoundContent={t('noAssignees')}
              options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
};
