// Where the figures are: from the user's area down to the one shown, each step a link back up.
import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../../../lib/use-api.ts';
import { getAreaPath } from '../stats-api.ts';

export const AreaBreadcrumb = ({ scope, area, linkTo }: { scope: string; area: string; linkTo: (code: string) => string }) => {
  const path = useApi(() => getAreaPath(scope, area), [scope, area]);
  const steps = path.data ?? [{ code: area, name: area }];
  return (
    <Breadcrumb
      data-testid="overview-breadcrumb"
      items={steps.map((s, i) => ({ key: s.code, title: i === steps.length - 1 ? s.name : <Link to={linkTo(s.code)}>{s.name}</Link> }))}
    />
  );
};
