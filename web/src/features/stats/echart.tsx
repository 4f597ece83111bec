// One ECharts instance per element: created on mount, given each new option, resized with its box,
// disposed on unmount. Only the charts and components the overview uses are registered.
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECElementEvent, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
export type ChartClick = Pick<ECElementEvent, 'componentType' | 'dataIndex' | 'name' | 'value'>;

type Props = { option: ChartOption; height?: number; onClick?: (e: ChartClick) => void; testId?: string };

export const EChart = ({ option, height = 300, onClick, testId }: Props) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'canvas' });
    c.on('click', (e) => click.current?.(e as ECElementEvent));
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ height, width: '100%' }} data-testid={testId} />;
};
