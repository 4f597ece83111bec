// One person, masked; with person.reveal, a button shows the ID number and phone in full (the API audits it);
// with healthcode.read, a link to the person's health code.
import { EyeOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Loading, errorMessage } from '../../../components/page-state.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { can, useSession } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { getPerson, listPersons, type Person } from '../registry-api.ts';
import { registryMessages } from '../registry-messages.ts';
import { AreaName } from './area-name.tsx';
import { PersonTags } from './person-tags.tsx';

const Members = ({ person }: { person: Person }) => {
  const t = useT(registryMessages);
  const members = useApi(
    () => (person.householdId ? listPersons({ householdId: person.householdId, limit: 20 }) : Promise.resolve({ items: [], total: 0 })),
    [person.householdId],
  );
  const others = (members.data?.items ?? []).filter((m) => m.id !== person.id);
  return (
    <div>
      <Typography.Title level={5}>{t('members')}</Typography.Title>
      <Table<Person>
        rowKey="id"
        size="small"
        pagination={false}
        loading={members.loading}
        dataSource={others}
        locale={{ emptyText: t('noMembers') }}
        data-testid="household-members"
        columns={[
          { title: t('name'), dataIndex: 'name', width: 90 },
          { title: t('relation'), dataIndex: 'relation', width: 90, render: (r: string | null) => r ?? '—' },
          { title: t('birthDate'), dataIndex: 'birthDate', width: 110 },
          { title: t('tags'), dataIndex: 'tags', render: (tags: string[]) => <PersonTags tags={tags} /> },
        ]}
      />
    </div>
  );
};

const Details = ({ person }: { person: Person }) => {
  const t = useT(registryMessages);
  return (
    <Descriptions column={1} bordered size="small" styles={{ label: { width: 130 } }} data-testid="person-details">
      <Descriptions.Item label={t('name')}>{person.name}</Descriptions.Item>
      <Descriptions.Item label={t('gender')}>{t(`gender.${person.gender}`)}</Descriptions.Item>
      <Descriptions.Item label={t('birthDate')}>{person.birthDate}</Descriptions.Item>
      <Descriptions.Item label={t('idNumber')}><span data-testid="person-id-number">{person.idNumber}</span></Descriptions.Item>
      <Descriptions.Item label={t('phone')}><span data-testid="person-phone">{person.phone ?? '—'}</span></Descriptions.Item>
      <Descriptions.Item label={t('address')}>{person.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('grid')}><AreaName code={person.gridCode} /></Descriptions.Item>
      <Descriptions.Item label={t('household')}>{person.householdId ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('relation')}>{person.relation ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('tags')}><PersonTags tags={person.tags} none={t('noTags')} /></Descriptions.Item>
      <Descriptions.Item label={t('updatedAt')}>{formatDateTime(person.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
};

/** The drawer's content, mounted afresh for each person so nothing of the previous one (or its reveal) lingers. */
const PersonBody = ({ id }: { id: number }) => {
  const t = useT(registryMessages);
  const { me } = useSession();
  const { message } = App.useApp();
  const person = useApi(() => getPerson(id), [id]);
  const [revealed, setRevealed] = useState<Person | null>(null);
  const [revealing, setRevealing] = useState(false);
  const mayReveal = can(me, 'person.reveal');

  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await getPerson(id, true));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };

  return (
    <Loading state={person}>
      {(p) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {revealed ? (
            <Alert type="warning" showIcon title={t('revealed')} data-testid="person-revealed" />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('maskedNote')}
              description={mayReveal ? t('revealAudited') : undefined}
              action={
                mayReveal && (
                  <Popconfirm title={t('revealConfirm')} description={t('revealAudited')} onConfirm={reveal} okText={t('confirm')} cancelText={t('cancel')}>
                    <Button size="small" icon={<EyeOutlined />} loading={revealing} data-testid="person-reveal">{t('reveal')}</Button>
                  </Popconfirm>
                )
              }
            />
          )}
          {can(me, 'healthcode.read') && (
            <Link to={`/console/health-codes/persons/${p.id}`} data-testid="person-health-code"><QrcodeOutlined /> {t('healthCode')}</Link>
          )}
          <Details person={revealed ?? p} />
          <Members person={p} />
        </Space>
      )}
    </Loading>
  );
};

export const PersonDrawer = ({ id, onClose }: { id: number | null; onClose: () => void }) => {
  const t = useT(registryMessages);
  // The last person shown stays in the drawer while it slides closed.
  const [shown, setShown] = useState<number | null>(id);
  if (id !== null && id !== shown) setShown(id);
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={t('personTitle')} destroyOnHidden data-testid="person-drawer">
      {shown !== null && <PersonBody key={shown} id={shown} />}
    </Drawer>
  );
};
