// The history of an event as a timeline: who did what, when, from which state to which, with notes and photos.
import { Space, Timeline, Typography } from 'antd';
import { AuthImage } from '../../../components/auth-image.tsx';
import { StateTag } from '../../../components/event-tags.tsx';
import { useT } from '../../../i18n/i18n.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { HistoryEntry } from '../events-api.ts';

const COLOURS: Record<string, string> = { report: 'blue', close: 'green', reject: 'gray', return: 'orange', escalate: 'red', urge: 'orange', supervise: 'red', rate: 'green', checkin: 'orange' };

export const EventHistory = ({ history }: { history: HistoryEntry[] }) => {
  const t = useT();
  return (
    <Timeline
      data-testid="event-history"
      items={history.map((h) => ({
        color: COLOURS[h.action] ?? 'blue',
        content: (
          <div>
            <Space wrap size={6}>
              <Typography.Text strong>{t(`action.${h.action}`)}</Typography.Text>
              {h.fromState !== h.toState && <StateTag state={h.toState} />}
              <Typography.Text type="secondary">{h.actorName} · {formatDateTime(h.at)}</Typography.Text>
            </Space>
            {h.note && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{h.note}</Typography.Paragraph>}
            {h.photoIds.length > 0 && (
              <Space wrap style={{ marginTop: 6 }}>
                {h.photoIds.map((id) => <AuthImage key={id} id={id} size={64} />)}
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
};
