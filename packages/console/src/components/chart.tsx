import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c'];

export interface ChartSeries {
  label: string;
  values: number[];
}

/** A uPlot line chart over days (`YYYY-MM-DD`), with a text summary for screen readers. */
export function DayChart({ title, days, series, summary }: { title: string; days: string[]; series: ChartSeries[]; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const x = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        title,
        width: Math.max(320, Math.min(target.clientWidth || 720, 960)),
        height: 240,
        series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true } }))],
        axes: [{}, { size: 60 }],
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      },
      [x, ...series.map((s) => s.values)],
      target,
    );
    return () => plot.destroy();
  }, [title, days, series]);
  return (
    <figure class="chart">
      <div ref={box} aria-hidden="true" />
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
