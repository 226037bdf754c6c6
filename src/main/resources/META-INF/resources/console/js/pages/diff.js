import { h, clear, table, message, field, formValues } from '../dom.js';
import { call, site, query } from '../api.js';
import { inScope } from '../session.js';
import { KINDS } from './policies.js';

const MARK = { EQUAL: '', CHANGE: 'changed', INSERT: 'added', DELETE: 'removed' };

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Compare versions'));
  const { admin, auditor } = ctx.grants;
  if (!ctx.siteKey || !(inScope(admin, ctx.siteKey) || inScope(auditor, ctx.siteKey))) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  const kind = KINDS.includes(ctx.params.get('kind')) ? ctx.params.get('kind') : KINDS[0];
  const versions = await versionsOf(ctx, kind);
  const out = h('div', { id: 'diff-out', 'aria-live': 'polite' });
  const choose = (name, selectedId, fallback) => h('select', { name, id: 'diff-' + name, required: true },
    versions.map((v, i) => h('option', { value: v.id, selected: selectedId ? v.id === selectedId : i === fallback },
      `${v.version}${v.language ? ' (' + v.language + ')' : ''}`)));
  const form = h('form', { id: 'diff-form', onsubmit: async e => {
    e.preventDefault();
    await compare(ctx.siteKey, formValues(form), out);
  } },
  h('div', { class: 'fields' },
    field('Kind', h('select', { id: 'diff-kind', onchange: e => ctx.go('diff', { kind: e.target.value }) },
      KINDS.map(k => h('option', { value: k, selected: k === kind }, k)))),
    field('Older version', choose('from', ctx.params.get('from'), 1)),
    field('Newer version', choose('to', ctx.params.get('to'), 0)),
    field('Language (empty: each version’s own)', h('input', { name: 'language', id: 'diff-language' }))),
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'diff-button' }, 'Compare')));
  main.append(versions.length < 2 ? message('info', 'This kind needs two versions to compare.') : form, out);
  if (versions.length >= 2 && ctx.params.get('from') && ctx.params.get('to')) await compare(ctx.siteKey, formValues(form), out);
}

/** Admins list a kind's versions; auditors know the versions their site's events were shown. */
async function versionsOf(ctx, kind) {
  if (inScope(ctx.grants.admin, ctx.siteKey)) {
    return call(`/api/v1/admin/sites/${site(ctx.siteKey)}/policy-versions${query({ kind })}`);
  }
  const summary = await call(`/api/v1/audit/sites/${site(ctx.siteKey)}/summary`);
  return summary.byDocumentVersion.filter(d => d.kind === kind).reverse();
}

async function compare(siteKey, v, out) {
  try {
    const diff = await call(`/api/v1/admin/sites/${site(siteKey)}/policy-versions/diff${query(v)}`);
    clear(out, side('Older', diff.from), side('Newer', diff.to),
      h('p', { id: 'diff-count' }, `${diff.changedLines} line${diff.changedLines === 1 ? '' : 's'} changed.`),
      table(`${diff.from.version} → ${diff.to.version}`, ['', diff.from.version, diff.to.version],
        diff.rows.map(r => [MARK[r.tag] ?? r.tag, r.left ?? '', r.right ?? '']), { class: 'diff', id: 'diff-table' }));
    out.querySelectorAll('#diff-table tbody tr').forEach((tr, i) => {
      tr.className = diff.rows[i].tag;
      tr.children[1].classList.add('left');
      tr.children[2].classList.add('right');
    });
  } catch (err) {
    clear(out, message('bad', err.status === 404 ? 'This server cannot compare versions yet, or a version is unknown (404).' : err.message));
  }
}

function side(label, v) {
  return h('dl', { class: 'facts', 'data-side': label.toLowerCase() },
    h('dt', {}, label), h('dd', {}, `${v.kind} ${v.version} (${v.language})`),
    h('dt', {}, 'Material'), h('dd', { class: 'material' }, v.material ? 'yes: visitors decide again' : 'no'),
    h('dt', {}, 'Change summary'), h('dd', { class: 'change-summary' }, v.changeSummary || '–'),
    h('dt', {}, 'Effective'), h('dd', {}, v.effectiveAt),
    h('dt', {}, 'SHA-256'), h('dd', {}, h('code', {}, v.sha256)));
}
