import { h } from './dom.js';

// A notice (as the banner receives it, or a stored rendering) drawn as text: what the visitor read.
export function noticeView(notice) {
  const texts = notice.texts || {};
  const mode = notice.mode;
  const body = mode === 'EXPLICIT' ? texts.bodyExplicit : mode === 'OPT_OUT' ? texts.bodyOptOut : texts.bodyImplied;
  const buttons = mode === 'EXPLICIT' ? [texts.acceptAll, texts.rejectAll, texts.choose]
    : mode === 'OPT_OUT' ? [texts.optOut || texts.rejectAll, texts.manageChoices] : [texts.close || texts.manageChoices];
  return h('section', { class: 'notice-preview', 'aria-label': 'Notice', 'data-notice-id': notice.noticeId || '' },
    h('p', { class: 'muted' }, `Regime ${notice.regime}, mode ${mode}, language ${notice.language}`
      + (notice.rulesVersion ? `, rules version ${notice.rulesVersion}` : '') + (notice.preview ? ' (preview)' : '')),
    h('h3', {}, texts.heading || ''),
    h('p', {}, body || ''),
    h('ul', { class: 'notice-documents' }, (notice.documents || []).map(d => h('li', {},
      h('a', { href: d.url, rel: 'noopener noreferrer' }, d.title), ` — ${d.kind} ${d.version}`,
      d.language ? ` (${d.language})` : '', d.eeaAddendum ? h('p', { class: 'muted' }, d.eeaAddendum) : null))),
    h('p', {}, 'Categories: ', (notice.categories || []).map(c => c.key + (c.required ? ' (required)' : '')
      + (c.saleOrShare ? ' (sale/share)' : '')).join(', ')),
    h('div', { class: 'buttons' }, buttons.filter(Boolean).map(b => h('span', {}, b))));
}
