// The figures people are judged on (考核) for an area and a period, both kept in the URL
// (?area=&from=&to=) so a view can be shared; clicking an area below opens it, the breadcrumb goes back up.
import { Alert, Col, Row, Space, Spin } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/page-state.tsx';
import { useT } from '../../i18n/i18n.ts';
import { shanghaiDay } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AreaBreadcrumb } from './components/area-breadcrumb.tsx';
import { ByDayChart } from './components/by-day-chart.tsx';
import { CategoryChart } from './components/category-chart.tsx';
import { ChildrenChart } from './components/children-chart.tsx';
import { ChildrenTable } from './components/children-table.tsx';
import { KpiCards } from './components/kpi-cards.tsx';
import { OverdueList } from './components/overdue-list.tsx';
import { PeriodPicker } from './components/period-picker.tsx';
import { RankingTable } from './components/ranking-table.tsx';
import { defaultPeriod, getOverview, periodFromParams, type Overview, type Period } from './stats-api.ts';
import { statsMessages } from './stats-messages.ts';

const Body = ({ overview, area, period, onDrill }: { overview: Overview; area: string; period: Period; onDrill: (code: string) => void }) => {
  const t = useT(statsMessages);
  const leaf = area.length >= 15;
  return (
    <>
      <KpiCards overview={overview} />
      <Row gutter={[16, 16]}>
        <Col span={14}><ByDayChart overview={overview} period={period} /></Col>
        <Col span={10}><CategoryChart overview={overview} /></Col>
        <Col span={14}>
          {leaf ? <Alert type="info" showIcon title={t('noChildren')} /> : <ChildrenChart overview={overview} onDrill={onDrill} />}
        </Col>
        <Col span={10}><OverdueList area={area} /></Col>
        {!leaf && <Col span={14}><ChildrenTable overview={overview} onDrill={onDrill} /></Col>}
        <Col span={leaf ? 24 : 10}><RankingTable area={area} period={period} /></Col>
      </Row>
    </>
  );
};

export const OverviewPage = () => {
  const t = useT(statsMessages);
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const scope = me?.scope ?? '';
  const requested = params.get('area');
  const area = requested && /^\d+$/.test(requested) && requested.startsWith(scope) ? requested : scope;
  const fromParam = params.get('from'), toParam = params.get('to');
  const period = useMemo(() => periodFromParams(fromParam, toParam) ?? defaultPeriod(), [fromParam, toParam]);
  const invalidPeriod = (fromParam !== null || toParam !== null) && !periodFromParams(fromParam, toParam);
  const overview = useApi(() => getOverview(area, period), [area, period.from, period.to]);

  const open = (next: { area?: string; period?: Period }) => {
    const p = next.period ?? period;
    setParams({ area: next.area ?? area, from: p.from, to: p.to });
  };
  const drill = (code: string) => {
    open({ area: code });
    window.scrollTo({ top: 0 });
  };
  const linkTo = (code: string) => `?${new URLSearchParams({ area: code, from: period.from, to: period.to })}`;

  return (
    <>
      <div className="page-title">
        <Space orientation="vertical" size={2}>
          <h1>{t('title')}</h1>
          <AreaBreadcrumb scope={scope} area={area} linkTo={linkTo} />
        </Space>
        <Space>
          <span className="muted">{t('period')}</span>
          <PeriodPicker value={period} today={shanghaiDay(new Date())} onChange={(p) => open({ period: p })} />
        </Space>
      </div>
      {invalidPeriod && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('periodInvalid')} />}
      {overview.data && <ErrorAlert error={overview.error} onRetry={overview.reload} />}
      <Loading state={overview}>
        {(o) => (
          <Spin spinning={overview.loading} delay={200}>
            <Body overview={o} area={area} period={period} onDrill={drill} />
          </Spin>
        )}
      </Loading>
    </>
  );
};
