// An event as a card on the phone: category, state, deadline colour, what and where.
import { Card, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { DeadlineTag, StateTag } from '../../../components/event-tags.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { EventItem } from '../../events/events-api.ts';

export const EventCard = ({ e }: { e: EventItem }) => (
  <Link to={`/field/events/${e.id}`} data-testid="field-event-card" data-code={e.code}>
    <Card size="small" className="event-card" hoverable>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text strong>{e.categoryName}</Typography.Text>
        <Space size={4}>
          <DeadlineTag colour={e.colour} />
          <StateTag state={e.state} />
        </Space>
      </Space>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 4px' }}>{e.description}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {e.code} · {formatDateTime(e.createdAt)}
        {e.address ? ` · ${e.address}` : ''}
      </Typography.Text>
    </Card>
  </Link>
);
