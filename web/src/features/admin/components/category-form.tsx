// Adding or changing one category (sys_admin): names, platform, lead unit type, priority and the limit of
// each step in working hours or days. The API's refusal is shown as the API words it.
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../components/page-state.tsx';
import { PRIORITIES, putCategory, STEPS, UNIT_TYPES, type Allowance, type Catalogue, type Category, type Step } from '../admin-api.ts';
import { useAdminT } from './use-admin-t.ts';

type Amount = { n: number; unit: 'hours' | 'days' };
type Values = Omit<Category, 'limits' | 'active'> & { active: boolean; limits: Record<Step, Amount> };

const toAmount = (a: Allowance): Amount => ('hours' in a ? { n: a.hours, unit: 'hours' } : { n: a.days, unit: 'days' });
const toAllowance = (a: Amount): Allowance => (a.unit === 'hours' ? { hours: a.n } : { days: a.n });
const DEFAULT_LIMIT: Amount = { n: 1, unit: 'days' };

const valuesOf = (c: Category | null): Partial<Values> =>
  c
    ? { ...c, active: c.active ?? true, limits: Object.fromEntries(STEPS.map((s) => [s, toAmount(c.limits[s])])) as Record<Step, Amount> }
    : { priority: 'normal', active: true, parentCode: null, leadUnitType: null, limits: Object.fromEntries(STEPS.map((s) => [s, DEFAULT_LIMIT])) as Record<Step, Amount> };

type Props = { category: Category | null; creating: boolean; catalogue: Catalogue; onClose: () => void; onSaved: (c: Category) => void };

export const CategoryForm = ({ category, creating, catalogue, onClose, onSaved }: Props) => {
  const { t, label } = useAdminT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const open = creating || category !== null;
  const platform = Form.useWatch('platformCode', form);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(valuesOf(category));
      setError(null);
    }
  }, [open, category, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const limits = Object.fromEntries(STEPS.map((s) => [s, toAllowance(v.limits[s])])) as Record<Step, Allowance>;
      onSaved(await putCategory({ ...v, name: v.name.trim(), parentCode: v.parentCode ?? null, leadUnitType: v.leadUnitType ?? null, limits }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const parents = catalogue.items.filter((c) => c.parentCode === null && c.code !== category?.code && (!platform || c.platformCode === platform));
  return (
    <Modal open={open} title={category ? t('editTitle', { code: category.code }) : t('newCategory')} onCancel={onClose} onOk={submit} okText={t('submit')} cancelText={t('cancel')} confirmLoading={busy} width={720} forceRender>
      {error !== null && <Alert type="error" showIcon title={errorMessage(error)} role="alert" style={{ marginBottom: 16 }} data-testid="category-form-error" />}
      <Form form={form} layout="vertical" data-testid="category-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('code')} rules={[
                { required: true, pattern: /^[A-Z]{2}\d{2,6}$/, message: t('codeRule') },
                // PUT adds or replaces: a new category must not overwrite an existing one.
                { validator: (_, code: string) => (creating && catalogue.items.some((c) => c.code === code) ? Promise.reject(new Error(t('codeTaken'))) : Promise.resolve()) },
              ]}>
              <Input disabled={!creating} maxLength={8} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('categoryName')} rules={[{ required: true, whitespace: true, max: 50, message: t('nameRequired') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="platformCode" label={t('platform')} rules={[{ required: true, message: t('platformRequired') }]}>
              <Select options={catalogue.platforms.map((p) => ({ value: p.code, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="parentCode" label={t('parent')}>
              <Select allowClear options={parents.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leadUnitType" label={t('leadUnitType')}>
              <Select allowClear placeholder={t('noLeadUnit')} options={UNIT_TYPES.map((u) => ({ value: u, label: label('unitType', u) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priority" label={t('priority')} rules={[{ required: true }]}>
              <Select options={PRIORITIES.map((p) => ({ value: p, label: label('priority', p) }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="active" label={t('active')} valuePropName="checked" extra={t('activeHint')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {STEPS.map((s) => (
            <Col span={8} key={s}>
              <Form.Item label={label('step', s)} required>
                <Space.Compact block>
                  <Form.Item
                    noStyle
                    name={['limits', s, 'n']}
                    dependencies={[['limits', s, 'unit']]}
                    rules={[
                      { required: true, message: t('limitRequired') },
                      ({ getFieldValue }) => ({
                        validator: (_, n: number | null) => {
                          if (n === null || n === undefined) return Promise.resolve();
                          const days = getFieldValue(['limits', s, 'unit']) === 'days';
                          if (days ? Number.isInteger(n) && n >= 1 && n <= 365 : n > 0 && n <= 2000) return Promise.resolve();
                          return Promise.reject(new Error(t(days ? 'daysRule' : 'hoursRule')));
                        },
                      }),
                    ]}
                  >
                    <InputNumber min={0} style={{ width: '55%' }} data-testid={`limit-${s}`} />
                  </Form.Item>
                  <Form.Item noStyle name={['limits', s, 'unit']}>
                    <Select style={{ width: '45%' }} options={[{ value: 'hours', label: t('hours') }, { value: 'days', label: t('days') }]} />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
};
