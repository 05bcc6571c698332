import { Box } from '@mantine/core';
import { ColorType, createChart, LineSeries, type IChartApi, type ISeriesApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { NavPoint } from '../../api/types';
import { formatKst, SEOUL } from '../../lib/format';

const hourMinute = new Intl.DateTimeFormat('ko-KR', { timeZone: SEOUL, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function toSeconds(time: Time): number {
  return typeof time === 'number' ? time : Date.parse(typeof time === 'string' ? time : `${time.year}-${time.month}-${time.day}`) / 1000;
}

/** The chart wants one point per second in ascending order; several events in one second keep the last. */
export function chartSeries(points: NavPoint[], pick: (p: NavPoint) => number) {
  const bySecond = new Map<number, number>();
  for (const point of points) bySecond.set(Math.floor(Date.parse(point.at) / 1000), pick(point));
  return [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

/** NAV (right scale) and net assets (left scale) over time, in KST; a click picks that instant for the "as of" view. */
export default function NavChart({
  points,
  label,
  language,
  onPick,
}: {
  points: NavPoint[];
  label: string;
  language: string;
  onPick: (instant: Date) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<{ nav: ISeriesApi<'Line'>; netAssets: ISeriesApi<'Line'>; chart: IChartApi } | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // The chart and its series live and die together; data arrives in the next effect.
  useEffect(() => {
    if (!container.current) return undefined;
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#495057' },
      leftPriceScale: { visible: true },
      rightPriceScale: { visible: true },
      timeScale: { timeVisible: true, secondsVisible: true, tickMarkFormatter: (time: Time) => hourMinute.format(toSeconds(time) * 1000) },
      localization: { locale: 'ko-KR', timeFormatter: (time: Time) => formatKst(new Date(toSeconds(time) * 1000), language) },
    });
    chart.subscribeClick((param) => {
      if (param.time !== undefined) pick.current(new Date(toSeconds(param.time) * 1000));
    });
    series.current = {
      chart,
      nav: chart.addSeries(LineSeries, { priceScaleId: 'right', color: '#1864ab', title: 'NAV', priceFormat: { type: 'price', precision: 2, minMove: 0.01 } }),
      netAssets: chart.addSeries(LineSeries, { priceScaleId: 'left', color: '#d9480f', title: 'Net assets', priceFormat: { type: 'price', precision: 0, minMove: 1 } }),
    };
    return () => {
      series.current = null;
      chart.remove();
    };
  }, [language]);

  useEffect(() => {
    if (!series.current) return;
    series.current.nav.setData(chartSeries(points, (p) => p.nav));
    series.current.netAssets.setData(chartSeries(points, (p) => p.netAssets));
    series.current.chart.timeScale().fitContent();
  }, [points, language]);

  return <Box ref={container} component="figure" m={0} h={300} aria-label={label} />;
}
