import { h, message, field, formValues, percent } from '../dom.js';
import { call, site, query } from '../api.js';
import { inScope } from '../session.js';
import { chartWithTable } from '../chart.js';

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Re-consent progress'));
  if (!ctx.siteKey || !inScope(ctx.grants.auditor, ctx.siteKey)) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  const summary = await call(`/api/v1/audit/sites/${site(ctx.siteKey)}/summary`);
  const versionId = ctx.params.get('versionId') || '';
  const form = h('form', { id: 'reconsent-form', onsubmit: e => { e.preventDefault(); ctx.go('reconsent', formValues(form)); } },
    h('p', { class: 'muted' }, 'After a material version takes effect: of the visitors seen since, how many have acknowledged it or decided on it.'),
    h('div', { class: 'fields' },
      field('Policy version id', h('input', { name: 'versionId', id: 'reconsent-version', list: 'known-versions', value: versionId,
        required: true, autocomplete: 'off', spellcheck: 'false' })),
      h('datalist', { id: 'known-versions' }, summary.byDocumentVersion.map(d =>
        h('option', { value: d.id }, `${d.kind} ${d.version}`)))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'reconsent-button' }, 'Show progress')));
  main.append(form);
  if (versionId) main.append(await progress(ctx.siteKey, versionId));
}

async function progress(siteKey, versionId) {
  let r;
  try {
    r = await call(`/api/v1/audit/sites/${site(siteKey)}/reconsent${query({ versionId })}`);
  } catch (e) {
    if (e.status === 404) return message('bad', 'No such version on this site, or this server does not offer re-consent progress yet (404).');
    throw e;
  }
  return h('section', { id: 'reconsent' },
    h('h2', {}, `${r.kind} ${r.version}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Material'), h('dd', {}, r.material ? 'yes' : 'no (visitors need not decide again)'),
      h('dt', {}, 'Effective'), h('dd', {}, r.effectiveAt),
      h('dt', {}, 'Visitors seen since'), h('dd', { id: 'reconsent-seen' }, r.visitorsSeen),
      h('dt', {}, 'Of them on this version'), h('dd', { id: 'reconsent-on-version' }, r.visitorsOnVersion),
      h('dt', {}, 'Share'), h('dd', { id: 'reconsent-share' }, percent(r.share))),
    chartWithTable({ id: 'reconsent-days', title: 'Re-consent by day', percent: true,
      days: r.days.map(d => d.day + 'T00:00:00Z'),
      extra: [{ label: 'Visitors seen', values: r.days.map(d => d.visitorsSeen) },
        { label: 'On this version', values: r.days.map(d => d.visitorsOnVersion) }],
      series: [{ label: 'Share', values: r.days.map(d => d.share) }] }));
}
