// The form each action needs, as data: which fields, which are required. One modal renders them all.
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { PhotoPicker } from '../../../components/photo-picker.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { useApi } from '../../../lib/use-api.ts';
import { eventsMessages } from '../events-messages.ts';
import { listUnits, type EventDetail } from '../events-api.ts';

export type Field = 'note' | 'noteRequired' | 'units' | 'passed' | 'satisfied' | 'mergeInto' | 'photos';

// Actions missing here need nothing but a confirmation (accept, sign, handle, close, resume…).
export const ACTION_FIELDS: Record<string, Field[]> = {
  accept: ['note'],
  reject: ['noteRequired'],
  merge: ['mergeInto', 'note'],
  settle: ['note', 'photos'],
  dispatch: ['units', 'note'],
  sign: ['note'],
  return: ['noteRequired'],
  handle: ['note', 'photos'],
  feedback: ['note', 'photos'],
  verify: ['passed', 'note', 'photos'],
  close: ['note'],
  rate: ['satisfied', 'note'],
  reopen: ['note'],
  escalate: ['note'],
  suspend: ['noteRequired'],
  resume: ['note'],
  urge: ['note'],
  supervise: ['note'],
};

const UnitFields = ({ area }: { area: string }) => {
  const t = useT(eventsMessages);
  const units = useApi(() => listUnits(area), [area]);
  const options = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}` }));
  return (
    <>
      <Form.Item name="leadUnitId" label={t('leadUnit')} rules={[{ required: true, message: t('leadUnitRequired') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.loading} options={options} data-testid="lead-unit" />
      </Form.Item>
      <Form.Item name="assistUnitIds" label={t('assistUnits')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={units.loading} options={options} />
      </Form.Item>
    </>
  );
};

export const ActionFields = ({ action, event }: { action: string; event: EventDetail }) => {
  const t = useT(eventsMessages);
  const fields = ACTION_FIELDS[action] ?? [];
  return (
    <>
      {fields.includes('units') && <UnitFields area={event.handlingArea} />}
      {fields.includes('passed') && (
        <Form.Item name="passed" label={t('passed')} rules={[{ required: true }]} initialValue={true}>
          <Radio.Group options={[{ value: true, label: t('passedYes') }, { value: false, label: t('passedNo') }]} />
        </Form.Item>
      )}
      {fields.includes('satisfied') && (
        <Form.Item name="satisfied" label={t('satisfied')} rules={[{ required: true }]} initialValue={true}>
          <Radio.Group options={[{ value: true, label: t('satisfiedYes') }, { value: false, label: t('satisfiedNo') }]} />
        </Form.Item>
      )}
      {fields.includes('mergeInto') && (
        <Form.Item name="mergeInto" label={t('mergeInto')} rules={[{ required: true }]} initialValue={event.possibleDuplicates[0]?.id}>
          {event.possibleDuplicates.length ? (
            <Select options={event.possibleDuplicates.map((d) => ({ value: d.id, label: `${d.code} · ${d.description.slice(0, 30)}` }))} />
          ) : (
            <InputNumber min={1} style={{ width: '100%' }} />
          )}
        </Form.Item>
      )}
      {(fields.includes('note') || fields.includes('noteRequired')) && (
        <Form.Item name="note" label={t('note')} rules={fields.includes('noteRequired') ? [{ required: true, whitespace: true, message: t('noteRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      )}
      {fields.includes('photos') && (
        <Form.Item name="photoIds" label={t('photos')}>
          <PhotoField label={t('uploadPhoto')} />
        </Form.Item>
      )}
    </>
  );
};

/** PhotoPicker as a form control. */
const PhotoField = ({ onChange, label }: { onChange?: (ids: number[]) => void; label: string; value?: number[] }) => (
  <PhotoPicker label={label} onChange={(ids) => onChange?.(ids)} />
);
