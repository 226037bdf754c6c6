import { h, clear, table, message, field, formValues, percent } from '../dom.js';
import { call, site, query } from '../api.js';
import { inScope } from '../session.js';
import { chartWithTable } from '../chart.js';

const DAY = 86400000;

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Consent over time'));
  if (!ctx.siteKey || !inScope(ctx.grants.auditor, ctx.siteKey)) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime();
  const from = ctx.params.get('from') || new Date(today - 29 * DAY).toISOString().slice(0, 10);
  const to = ctx.params.get('to') || new Date(today).toISOString().slice(0, 10);
  const form = h('form', { id: 'period-form', onsubmit: e => { e.preventDefault(); ctx.go('overtime', formValues(form)); } },
    h('div', { class: 'fields' },
      field('From (UTC day)', h('input', { type: 'date', name: 'from', id: 'period-from', value: from, required: true })),
      field('To, inclusive (UTC day)', h('input', { type: 'date', name: 'to', id: 'period-to', value: to, required: true }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'period-button' }, 'Show')));
  const period = { from: from + 'T00:00:00Z', to: new Date(Date.parse(to + 'T00:00:00Z') + DAY).toISOString().replace('.000Z', 'Z') };
  const summary = await call(`/api/v1/audit/sites/${site(ctx.siteKey)}/summary${query(period)}`);
  const versionNames = Object.fromEntries(summary.byDocumentVersion.map(d => [d.id, `${d.kind} ${d.version}`]));
  main.append(form, summaryView(summary), await timeseries(ctx.siteKey, period, versionNames));
}

function summaryView(s) {
  const grants = Object.entries(s.categoryGrants);
  return h('section', { id: 'summary' },
    h('h2', {}, 'The period in numbers'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Events'), h('dd', { id: 'summary-total' }, s.total),
      h('dt', {}, 'Visitors with a decision'), h('dd', { id: 'summary-deciding' }, s.visitorsWithDecision),
      h('dt', {}, 'Expired decisions'), h('dd', {}, `${s.expiredDecisions.accept} accepting, ${s.expiredDecisions.reject} rejecting`)),
    table('Events by type', ['Type', 'Events'], Object.entries(s.byType), { id: 'summary-by-type' }),
    table('Deciding visitors granting each category (their latest decision)', ['Category', 'Visitors', 'Share'],
      grants.map(([key, g]) => [key, g.granted, percent(g.share)]), { id: 'summary-grants' }),
    table('Events by jurisdiction', ['Jurisdiction', 'Events'], Object.entries(s.byJurisdiction), { id: 'summary-by-jurisdiction' }));
}

async function timeseries(siteKey, period, versionNames) {
  let series;
  try {
    series = await call(`/api/v1/audit/sites/${site(siteKey)}/timeseries${query({ ...period, bucket: 'day' })}`);
  } catch (e) {
    if (e.status === 404) return message('info', 'This server does not offer the daily time series yet (404 for timeseries).');
    throw e;
  }
  const buckets = series.buckets;
  const days = buckets.map(b => b.start);
  const types = [...new Set(buckets.flatMap(b => Object.keys(b.events)))].sort();
  const section = h('section', { id: 'timeseries' }, h('h2', {}, 'Day by day'),
    chartWithTable({ id: 'events-by-type', title: 'Events a day, by type', days,
      series: [{ label: 'Total', values: buckets.map(b => b.total) },
        ...types.map(t => ({ label: t, values: buckets.map(b => b.events[t] ?? 0) }))] }));
  const splits = [['all', 'All deciding visitors', b => b],
    ...keysOf(buckets, 'byRegime').map(r => ['regime:' + r, 'Regime ' + r, b => b.byRegime?.[r]]),
    ...keysOf(buckets, 'byPolicyVersion').map(v => ['version:' + v, 'Policy version ' + (versionNames[v] || v), b => b.byPolicyVersion?.[v]])];
  const shares = h('div', { id: 'shares' });
  const drawShares = key => {
    const [, label, pick] = splits.find(s => s[0] === key);
    const parts = buckets.map(pick);
    const categories = [...new Set(parts.flatMap(p => Object.keys(p?.categoryGrants || {})))].sort();
    clear(shares, chartWithTable({ id: 'category-shares', title: `Share granting each category: ${label}`, days, percent: true,
      extra: [{ label: 'Deciding visitors', values: parts.map(p => p?.decidingVisitors ?? 0) }],
      series: categories.map(c => ({ label: c, values: parts.map(p => p?.categoryGrants?.[c]?.share ?? null) })) }));
  };
  const picker = h('select', { id: 'split', onchange: e => drawShares(e.target.value) },
    splits.map(([key, label]) => h('option', { value: key }, label)));
  section.append(h('h2', {}, 'Who grants what'), field('Visitors', picker), shares);
  drawShares('all');
  return section;
}

function keysOf(buckets, split) {
  return [...new Set(buckets.flatMap(b => Object.keys(b[split] || {})))].sort();
}
