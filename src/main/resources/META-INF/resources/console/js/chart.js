import uPlot from '../../webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, table } from './dom.js';

const COLORS = ['#0a58ca', '#d63384', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#dc3545', '#6c757d', '#0dcaf0', '#ffc107'];

/**
 * A line chart of daily values and, below it, the same numbers in a table: a chart alone says
 * nothing to a screen reader or to someone who needs the exact figure.
 * series: [{label, values}] with one value per day; percent: values are shares from 0 to 1;
 * extra: further columns for the table only.
 */
export function chartWithTable({ id, title, days, series, percent = false, extra = [] }) {
  const plot = h('div', { class: 'chart', role: 'img', 'aria-label': `${title}: chart; the table below it gives every number` });
  const format = v => v === null || v === undefined ? '–' : percent ? (v * 100).toFixed(1) + ' %' : v;
  const rows = days.map((day, i) => [day.slice(0, 10), ...extra.map(c => c.values[i] ?? '–'),
    ...series.map(s => format(s.values[i]))]);
  const figure = h('figure', { class: 'chart-and-table', id },
    h('div', {}, h('figcaption', {}, h('strong', {}, title)), plot),
    table(title, ['Day', ...extra.map(c => c.label), ...series.map(s => breakable(s.label))], rows, { 'data-chart': id }));
  requestAnimationFrame(() => draw(plot, days, series, percent));
  return figure;
}

const DAY = 86400;
const MAX_LABELS = 6;

/** A label such as PREFERENCES_SAVED that may wrap after its underscores, so its column stays narrow. */
function breakable(label) {
  return String(label).split('_').flatMap((part, i) => i === 0 ? [part] : [h('wbr'), '_' + part]);
}

function draw(container, days, series, percent) {
  if (days.length === 0) return;
  const xs = days.map(d => Date.parse(d) / 1000);
  const width = () => Math.max(260, container.clientWidth || 600);
  // The axis spans the days shown (half a day either side of a single one) and is labelled with
  // UTC days, as the table is: uPlot's own ticks ran over years for a single day, in local time.
  const labelled = xs.filter((x, i) => i % Math.ceil(xs.length / MAX_LABELS) === 0);
  const options = {
    width: width(), height: 260,
    scales: { x: { time: true, range: (u, min, max) => xs.length === 1 ? [xs[0] - DAY / 2, xs[0] + DAY / 2] : [min, max] },
      y: percent ? { range: [0, 1] } : { auto: true } },
    axes: [{ splits: (u, i, min, max) => labelled.filter(x => x >= min && x <= max), values: (u, ticks) => {
      const labels = ticks.map(t => new Date(t * 1000).toISOString().slice(0, 10));
      container.dataset.xLabels = labels.join(','); // the labels as text: on the canvas they are pixels
      return labels;
    } },
      { values: (u, ticks) => ticks.map(t => percent ? Math.round(t * 100) + '%' : t) }],
    series: [{ value: (u, t) => t === null || t === undefined ? '–' : new Date(t * 1000).toISOString().slice(0, 10) },
      ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2,
        value: (u, v) => v === null || v === undefined ? '–' : percent ? (v * 100).toFixed(1) + '%' : v }))],
  };
  const data = [xs, ...series.map(s => s.values.map(v => v ?? null))];
  const chart = new uPlot(options, data, container);
  new ResizeObserver(() => chart.setSize({ width: width(), height: 260 })).observe(container);
}
