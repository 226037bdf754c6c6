import { h, clear, table, message, field, formValues, toast } from '../dom.js';
import { call, site, query } from '../api.js';
import { inScope } from '../session.js';
import { noticeView } from '../notice.js';

export const KINDS = ['PRIVACY_POLICY', 'TERMS_OF_USE', 'COOKIE_POLICY'];

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Policy versions'));
  if (!ctx.siteKey || !inScope(ctx.grants.admin, ctx.siteKey)) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  const kind = KINDS.includes(ctx.params.get('kind')) ? ctx.params.get('kind') : KINDS[0];
  const versions = await call(`/api/v1/admin/sites/${site(ctx.siteKey)}/policy-versions${query({ kind })}`);
  const kindPicker = h('select', { id: 'kind', onchange: e => ctx.go('policies', { kind: e.target.value }) },
    KINDS.map(k => h('option', { value: k, selected: k === kind }, k)));
  main.append(h('div', { class: 'fields' }, h('label', { for: 'kind' }, 'Kind', kindPicker)),
    versions.length === 0 ? message('info', 'No version of this kind yet.') :
      table(`${kind} on ${ctx.siteKey}, newest first`,
        ['Version', 'Language', 'Translations', 'Material', 'Effective', 'Change summary', 'SHA-256', 'Compare'],
        versions.map((v, i) => [v.version, v.language, v.translations.map(t => t.language).join(', ') || '–',
          v.material ? 'yes' : 'no', v.effectiveAt, v.changeSummary || '',
          h('code', { title: v.sha256 }, v.sha256.slice(0, 12) + '…'),
          versions[i + 1] ? h('a', { href: '#/diff?' + new URLSearchParams({ kind, from: versions[i + 1].id, to: v.id }) },
            `with ${versions[i + 1].version}`) : '']), { id: 'versions-table' }),
    publishForm(ctx, kind), translationForm(ctx, versions), await previewPanel(ctx));
}

function publishForm(ctx, kind) {
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'publish-form', onsubmit: async e => {
    e.preventDefault();
    const v = formValues(form);
    const body = { kind: v.kind, version: v.version, title: v.title, url: v.url, content: v.content,
      material: form.elements.material.checked };
    for (const optional of ['eeaAddendum', 'changeSummary', 'language']) if (v[optional]) body[optional] = v[optional];
    if (v.effectiveAt) body.effectiveAt = new Date(v.effectiveAt).toISOString();
    try {
      const created = await call(`/api/v1/admin/sites/${site(ctx.siteKey)}/policy-versions`, { method: 'POST', body });
      toast(`Published ${created.kind} ${created.version}.`);
      ctx.go('policies', { kind: body.kind, published: created.id });
    } catch (err) {
      clear(status, message('bad', err.message));
    }
  } },
  h('h2', {}, 'Publish a new version'),
  h('p', { class: 'muted' }, 'Published versions never change. A material version asks every visitor to decide again.'),
  h('div', { class: 'fields' },
    field('Kind', h('select', { name: 'kind', id: 'publish-kind' }, KINDS.map(k => h('option', { value: k, selected: k === kind }, k)))),
    field('Version label', h('input', { name: 'version', id: 'publish-version', required: true })),
    field('Language (empty: the site default)', h('input', { name: 'language', id: 'publish-language' })),
    field('Effective at (empty: now)', h('input', { name: 'effectiveAt', id: 'publish-effective', type: 'datetime-local' })),
    field('Title', h('input', { name: 'title', id: 'publish-title', required: true })),
    field('URL', h('input', { name: 'url', id: 'publish-url', type: 'url', required: true })),
    field('Text', h('textarea', { name: 'content', id: 'publish-content', required: true, rows: 6 }), { class: 'wide' }),
    field('EEA addendum (optional)', h('textarea', { name: 'eeaAddendum', id: 'publish-eea', rows: 2 }), { class: 'wide' }),
    field('Change summary', h('input', { name: 'changeSummary', id: 'publish-summary' }), { class: 'wide' }),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'material', id: 'publish-material', checked: true }),
      'Material: visitors must decide again')),
  status,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'publish-button' }, 'Publish version')));
  return form;
}

function translationForm(ctx, versions) {
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'translation-form', onsubmit: async e => {
    e.preventDefault();
    const v = formValues(form);
    const body = { language: v.language, title: v.title, url: v.url, content: v.content };
    if (v.eeaAddendum) body.eeaAddendum = v.eeaAddendum;
    try {
      await call(`/api/v1/admin/sites/${site(ctx.siteKey)}/policy-versions/${encodeURIComponent(v.versionId)}/translations`,
        { method: 'POST', body });
      toast(`Translation into ${v.language} published.`);
      ctx.go('policies', { kind: versions.find(x => x.id === v.versionId).kind, translated: v.versionId + ':' + v.language });
    } catch (err) {
      clear(status, message('bad', err.message));
    }
  } },
  h('h2', {}, 'Publish a translation'),
  versions.length === 0 ? message('info', 'Publish a version first.') : [
    h('div', { class: 'fields' },
      field('Version', h('select', { name: 'versionId', id: 'translation-version' },
        versions.map(v => h('option', { value: v.id }, `${v.version} (${v.language})`)))),
      field('Language', h('input', { name: 'language', id: 'translation-language', required: true, placeholder: 'de' })),
      field('Title', h('input', { name: 'title', id: 'translation-title', required: true })),
      field('URL', h('input', { name: 'url', id: 'translation-url', type: 'url', required: true })),
      field('Text', h('textarea', { name: 'content', id: 'translation-content', required: true, rows: 5 }), { class: 'wide' }),
      field('EEA addendum (optional)', h('textarea', { name: 'eeaAddendum', id: 'translation-eea', rows: 2 }), { class: 'wide' })),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'translation-button' }, 'Publish translation'))]);
  return form;
}

async function previewPanel(ctx) {
  let regimes = [];
  try {
    regimes = (await call('/api/v1/admin/jurisdiction-rules')).rules.regimes.map(r => r.code);
  } catch (e) {
    if (e.status === 401) throw e;
  }
  const out = h('div', { id: 'preview-out', 'aria-live': 'polite' });
  const form = h('form', { id: 'preview-form', onsubmit: async e => {
    e.preventDefault();
    const v = formValues(form);
    try {
      const notice = await call(`/api/v1/admin/sites/${site(ctx.siteKey)}/notice-preview${query({ regime: v.regime, lang: v.lang })}`);
      clear(out, noticeView(notice));
    } catch (err) {
      clear(out, message('bad', err.status === 404
        ? 'This server cannot preview notices yet (404 for notice-preview).' : err.message));
    }
  } },
  h('h2', {}, 'Preview the notice'),
  h('p', { class: 'muted' }, 'What a visitor in a regime, reading a language, is shown now.'),
  h('div', { class: 'fields' },
    field('Regime', h('select', { name: 'regime', id: 'preview-regime' }, regimes.map(r => h('option', { value: r }, r)))),
    field('Language', h('input', { name: 'lang', id: 'preview-lang', placeholder: 'en' }))),
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'preview-button' }, 'Preview')),
  out);
  return form;
}
