// An audit entry's details: a one-line summary in the table, the whole JSON on hover.
import { Popover, Typography } from 'antd';

const pretty = (d: unknown) => JSON.stringify(d, null, 2);
const oneLine = (d: unknown) => JSON.stringify(d);

export const AuditDetails = ({ details }: { details: unknown }) => {
  if (details === null || details === undefined) return <span className="muted">—</span>;
  return (
    <Popover
      placement="left"
      content={<pre style={{ margin: 0, maxWidth: 520, maxHeight: 360, overflow: 'auto', fontSize: 12 }}>{pretty(details)}</pre>}
    >
      <Typography.Text code ellipsis style={{ maxWidth: '100%', fontSize: 12, cursor: 'help' }}>{oneLine(details)}</Typography.Text>
    </Popover>
  );
};
