import { h, clear, table, message, field, formValues } from '../dom.js';
import { call, site, query, downloadLink } from '../api.js';
import { inScope } from '../session.js';

const TYPES = ['NOTICE_SHOWN', 'BANNER_CLOSED', 'BROWSING_CONTINUED', 'ACCEPT_ALL', 'REJECT_ALL', 'PREFERENCES_SAVED', 'WITHDRAWN',
  'OPTED_OUT'];
const FILTERS = ['from', 'to', 'type', 'eea', 'country', 'regime', 'visitorId', 'documentVersionId'];

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Event search'));
  if (!ctx.siteKey || !inScope(ctx.grants.auditor, ctx.siteKey)) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  const p = ctx.params;
  const input = (name, label, attributes = {}) => field(label, h('input', { name, id: 'filter-' + name, value: p.get(name) || '', ...attributes }));
  const form = h('form', { id: 'filter-form', onsubmit: e => {
    e.preventDefault();
    ctx.go('events', formValues(form));
  } },
  h('div', { class: 'fields' },
    input('from', 'From (ISO time, inclusive)', { placeholder: '2026-11-01T00:00:00Z' }),
    input('to', 'To (ISO time, exclusive)', { placeholder: '2026-12-01T00:00:00Z' }),
    field('Type', h('select', { name: 'type', id: 'filter-type' }, h('option', { value: '' }, 'any'),
      TYPES.map(t => h('option', { value: t, selected: p.get('type') === t }, t)))),
    field('In the EEA', h('select', { name: 'eea', id: 'filter-eea' }, [['', 'either'], ['true', 'yes'], ['false', 'no']]
      .map(([v, l]) => h('option', { value: v, selected: (p.get('eea') || '') === v }, l)))),
    input('country', 'Country', { placeholder: 'DE' }),
    input('regime', 'Regime', { placeholder: 'EEA' }),
    input('visitorId', 'Visitor id'),
    input('documentVersionId', 'Policy version id'),
    field('Per page', h('select', { name: 'limit', id: 'filter-limit' }, ['25', '100', '500', '1000']
      .map(n => h('option', { value: n, selected: (p.get('limit') || '100') === n }, n))))),
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'search-button' }, 'Search')));
  const filters = Object.fromEntries(FILTERS.filter(f => p.get(f)).map(f => [f, p.get(f)]));
  const exports = h('div', { class: 'actions', id: 'exports' },
    h('button', { type: 'button', class: 'secondary', id: 'export-csv', onclick: () => exportAs('csv') }, 'Export CSV'),
    h('button', { type: 'button', class: 'secondary', id: 'export-ndjson', onclick: () => exportAs('ndjson') }, 'Export NDJSON'));
  const downloads = h('div', { id: 'downloads', 'aria-live': 'polite' });
  const exportAs = async format => {
    clear(downloads, h('span', { class: 'muted' }, `Exporting ${format}…`));
    try {
      const { blob } = await call(`/api/v1/audit/sites/${site(ctx.siteKey)}/events/export${query({ ...filters, format })}`, { as: 'blob' });
      const link = downloadLink(blob, `${ctx.siteKey}-events.${format === 'csv' ? 'csv' : 'ndjson'}`, `Save ${format.toUpperCase()} export`);
      link.id = 'download-' + format;
      clear(downloads, link);
      link.click();
    } catch (err) {
      clear(downloads, message('bad', err.message));
    }
  };
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  main.append(form, h('h2', {}, 'Export every matching event'), exports, downloads, h('h2', {}, 'Events, oldest first'), results);
  await page(ctx, results, { ...filters, limit: p.get('limit') || '100' }, []);
}

/** One page; earlier cursors are kept so "Previous" can go back. */
async function page(ctx, results, params, cursors) {
  const cursor = cursors[cursors.length - 1];
  const listed = await call(`/api/v1/audit/sites/${site(ctx.siteKey)}/events${query({ ...params, cursor })}`);
  const rows = listed.items.map(e => [e.receivedAt, e.type,
    h('a', { href: '#/history?' + new URLSearchParams({ visitorId: e.visitorId }) }, e.visitorId),
    e.jurisdiction?.country || '–', e.jurisdiction?.regime || '–', grantedOf(e.outcome), e.language || '–',
    e.ledgerSeq ?? 'pending']);
  clear(results,
    listed.items.length === 0 ? message('info', 'No event matches.') :
      table(`Page ${cursors.length + 1}: ${listed.items.length} events`,
        ['Received', 'Type', 'Visitor', 'Country', 'Regime', 'Granted', 'Language', 'Ledger seq'], rows, { id: 'events-table' }),
    h('div', { class: 'actions' },
      cursors.length > 0 ? h('button', { type: 'button', class: 'secondary', id: 'previous-page',
        onclick: () => page(ctx, results, params, cursors.slice(0, -1)) }, 'Previous page') : null,
      listed.nextCursor ? h('button', { type: 'button', class: 'secondary', id: 'next-page',
        onclick: () => page(ctx, results, params, [...cursors, listed.nextCursor]) }, 'Next page') : null));
}

function grantedOf(outcome) {
  if (!outcome || !outcome.categories) return '–';
  const granted = Object.entries(outcome.categories).filter(([, g]) => g === 'GRANTED').map(([k]) => k);
  return granted.join(', ') || 'none';
}
