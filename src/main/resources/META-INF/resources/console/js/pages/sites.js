import { h, clear, table, message, field, formValues, lines, toast } from '../dom.js';
import { call, site } from '../api.js';
import { inScope } from '../session.js';

export async function render(main, ctx) {
  const sites = await call('/api/v1/admin/sites');
  // One request for every site's count: one per site took longer than a page may with hundreds of sites.
  const calls = await call('/api/v1/admin/refused-calls').catch(() => null);
  const refused = sites.map(s => calls === null ? null : calls[s.siteKey] || 0);
  main.append(h('h1', {}, 'Sites'),
    table('Your sites', ['Site', 'Name', 'Origins', 'Categories', 'Refused calls'], sites.map((s, i) => [
      h('a', { href: '#/sites?site=' + encodeURIComponent(s.siteKey), 'data-site': s.siteKey }, s.siteKey),
      s.name, s.origins.join(' '), s.categories.map(c => c.key + (c.saleOrShare ? ' (sale/share)' : '')).join(', '),
      refused[i] === null ? '–' : refused[i]]), { id: 'sites-table' }));
  const current = sites.find(s => s.siteKey === ctx.siteKey);
  if (current && inScope(ctx.grants.admin, current.siteKey)) {
    if (ctx.params.get('site')) await ctx.sitesChanged(current.siteKey);
    main.append(editForm(current, ctx), await refusedOrigins(current.siteKey));
  } else {
    main.append(message('info', 'Choose a site above, or follow a link in the table, to edit it.'));
  }
  if (ctx.grants.admin.global) main.append(createForm(ctx));
}

function createForm(ctx) {
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'create-site', onsubmit: async e => {
    e.preventDefault();
    const v = formValues(form);
    const body = { siteKey: v.siteKey, name: v.name, origins: lines(v.origins) };
    if (v.categories) body.categories = lines(v.categories);
    try {
      await call('/api/v1/admin/sites', { method: 'POST', body });
      toast(`Site ${v.siteKey} created.`);
      await ctx.sitesChanged(v.siteKey);
      ctx.go('sites', { site: v.siteKey });
    } catch (err) {
      clear(status, message('bad', err.message));
    }
  } },
  h('h2', {}, 'Create a site'),
  h('div', { class: 'fields' },
    field('Site key', h('input', { name: 'siteKey', id: 'new-site-key', required: true, pattern: '[a-z0-9-]{3,64}' })),
    field('Name', h('input', { name: 'name', id: 'new-site-name', required: true })),
    field('Origins, one a line', h('textarea', { name: 'origins', id: 'new-site-origins', rows: 2 }), { class: 'wide' }),
    field('Categories (empty: functional, analytics, marketing)', h('input', { name: 'categories', id: 'new-site-categories' }), { class: 'wide' })),
  status,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'create-site-button' }, 'Create site')));
  return form;
}

function editForm(s, ctx) {
  const optional = s.categories.filter(c => !c.required).map(c => c.key);
  const status = h('div', { 'aria-live': 'polite' });
  const categoryRows = h('div', { id: 'category-flags' });
  const categoriesInput = h('input', { name: 'categories', id: 'edit-categories', value: optional.join(', ') });
  const drawFlags = () => clear(categoryRows, table('Per category', ['Category', 'Implied consent', 'Sale or sharing'],
    lines(categoriesInput.value).map(key => [key,
      h('input', { type: 'checkbox', name: 'implied:' + key, 'aria-label': 'Implied consent for ' + key,
        checked: s.impliedConsentCategories.includes(key) }),
      h('input', { type: 'checkbox', name: 'saleOrShare:' + key, 'aria-label': 'Sale or sharing: ' + key,
        checked: s.saleOrShareCategories.includes(key) })])));
  categoriesInput.addEventListener('change', drawFlags);
  drawFlags();
  const overrides = Object.entries(s.regimeOverrides || {}).map(([where, regime]) => where + '=' + regime).join('\n');
  const checked = name => form.elements[name].checked;
  const box = (name, label, on) => field(label, h('input', { type: 'checkbox', name, id: 'edit-' + name, checked: on }));
  const gpp = s.signals.gpp;
  const signals = h('fieldset', { class: 'wide', id: 'edit-signals' }, h('legend', {}, 'Signals for ad and analytics platforms'),
    box('uet', 'Feed Microsoft UET consent mode', s.signals.uet),
    box('clarity', 'Feed Microsoft Clarity consentv2', s.signals.clarity),
    box('stateSections', "GPP: the visitor's own state section (usca, usva, ...) beside usnat", gpp.stateSections),
    box('mspaCovered', 'GPP: an MSPA covered transaction', gpp.mspaCoveredTransaction),
    field('MSPA mode, when covered', h('select', { name: 'mspaMode', id: 'edit-mspaMode' },
      ['OPT_OUT_OPTION', 'SERVICE_PROVIDER'].map(m => h('option', { value: m, selected: gpp.mspaMode === m }, m)))),
    box('ukAnalyticsExemption', 'UK: analytics without consent, with an objection (Data (Use and Access) Act 2025)', s.ukAnalyticsExemption));
  const form = h('form', { id: 'edit-site', onsubmit: async e => {
    e.preventDefault();
    const v = formValues(form);
    const categories = lines(v.categories);
    const body = {
      name: v.name, origins: lines(v.origins), categories,
      impliedConsentCategories: categories.filter(c => form.elements['implied:' + c]?.checked),
      saleOrShareCategories: categories.filter(c => form.elements['saleOrShare:' + c]?.checked),
      regimeOverrides: Object.fromEntries(lines(v.regimeOverrides).map(l => l.split('=').map(x => x.trim()))),
      defaultLanguage: v.defaultLanguage,
      retentionMonths: s.retentionMonths,
      ukAnalyticsExemption: checked('ukAnalyticsExemption'),
      signals: { uet: checked('uet'), clarity: checked('clarity'), gpp: { mspaCoveredTransaction: checked('mspaCovered'),
        mspaMode: checked('mspaCovered') ? v.mspaMode : null, stateSections: checked('stateSections') } },
    };
    try {
      await call(`/api/v1/admin/sites/${site(s.siteKey)}`, { method: 'PUT', body });
      clear(status, message('ok', 'Saved.'));
      toast(`Site ${s.siteKey} saved.`);
    } catch (err) {
      clear(status, message('bad', err.message));
    }
  } },
  h('h2', {}, 'Edit ' + s.siteKey),
  h('div', { class: 'fields' },
    field('Name', h('input', { name: 'name', id: 'edit-name', value: s.name, required: true })),
    field('Default language', h('input', { name: 'defaultLanguage', id: 'edit-language', value: s.defaultLanguage })),
    field('Origins, one a line', h('textarea', { name: 'origins', id: 'edit-origins', rows: 3 }, s.origins.join('\n')), { class: 'wide' }),
    field('Optional categories (necessary is always there)', categoriesInput, { class: 'wide' }),
    h('div', { class: 'wide' }, categoryRows),
    field('Regime overrides, one a line: DE=EEA, US-CA=US-CA, *=EEA', h('textarea', { name: 'regimeOverrides', id: 'edit-overrides', rows: 2 }, overrides), { class: 'wide' }),
    signals),
  status,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-site' }, 'Save site')));
  return form;
}

async function refusedOrigins(siteKey) {
  const list = await call(`/api/v1/admin/sites/${site(siteKey)}/refused-origins`);
  if (list.length === 0) return message('info', 'No browser call from an unlisted origin was refused.');
  return table('Refused origins: pages whose origin the site does not list', ['Origin', 'Calls refused', 'Clients', 'First seen', 'Last seen'],
    list.map(o => [o.origin, o.count, o.clients, o.firstSeen, o.lastSeen]), { id: 'refused-origins' });
}
