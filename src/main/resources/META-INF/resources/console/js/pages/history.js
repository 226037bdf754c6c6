import { h, clear, message, field, formValues } from '../dom.js';
import { call, site, downloadLink } from '../api.js';
import { inScope } from '../session.js';
import { noticeView } from '../notice.js';

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Visitor history'));
  if (!ctx.siteKey || !inScope(ctx.grants.auditor, ctx.siteKey)) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  const visitorId = ctx.params.get('visitorId') || '';
  const form = h('form', { id: 'visitor-form', onsubmit: e => { e.preventDefault(); ctx.go('history', formValues(form)); } },
    h('div', { class: 'fields' }, field('Visitor id', h('input', { name: 'visitorId', id: 'visitor-id', value: visitorId,
      required: true, autocomplete: 'off', spellcheck: 'false' }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'history-button' }, 'Show history')));
  main.append(form);
  if (!visitorId) return;
  const base = `/api/v1/audit/sites/${site(ctx.siteKey)}/visitors/${encodeURIComponent(visitorId)}`;
  const history = await call(base + '/history');
  const downloads = h('span', { id: 'evidence-download', 'aria-live': 'polite' });
  const evidence = h('button', { type: 'button', class: 'secondary', id: 'evidence-button', onclick: async () => {
    try {
      const { blob } = await call(base + '/evidence', { as: 'blob' });
      const link = downloadLink(blob, `evidence-${visitorId}.json`, 'Save the evidence package');
      clear(downloads, link);
      link.click();
    } catch (err) {
      clear(downloads, message('bad', err.status === 404 ? 'No signed checkpoint covers these events yet; try again in a few seconds.' : err.message));
    }
  } }, 'Download evidence package');
  main.append(h('div', { class: 'actions' }, evidence, downloads),
    h('p', { class: 'muted' }, 'The evidence package holds these events, the texts shown, their proofs and a signed checkpoint; the offline verifier checks it.'));
  const renderings = new Map();
  const list = h('ol', { id: 'history-events', class: 'steps' });
  for (const e of history.events) {
    const item = h('li', { 'data-event-id': e.eventId },
      h('h2', {}, `${e.type} at ${e.receivedAt}`),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Jurisdiction'), h('dd', {}, `${e.jurisdiction?.country || 'unknown'}, regime ${e.jurisdiction?.regime || '–'}`),
        h('dt', {}, 'Outcome'), h('dd', {}, Object.entries(e.outcome?.categories || {}).map(([k, g]) => `${k}: ${g}`).join(', ') || '–'),
        h('dt', {}, 'Documents'), h('dd', {}, e.documents.map(d => h('div', {}, `${d.kind} ${d.version} `, h('code', {}, d.sha256)))),
        h('dt', {}, 'GPP string'), h('dd', { class: 'gpp' }, e.gppString ? h('code', {}, e.gppString) : 'none (no US opt-out section applied)'),
        h('dt', {}, 'Ledger'), h('dd', {}, e.ledgerSeq === null ? 'not yet sequenced' : `seq ${e.ledgerSeq}`),
        h('dt', {}, 'Endpoints told'), h('dd', { class: 'deliveries' }, (e.deliveries || []).length ? e.deliveries.map(told) : 'none recorded')));
    if (e.noticeId) {
      if (!renderings.has(e.noticeId)) renderings.set(e.noticeId, call(`/api/v1/audit/sites/${site(ctx.siteKey)}/notices/${e.noticeId}`));
      const stored = await renderings.get(e.noticeId).catch(err => err);
      item.append(h('div', {}, h('h3', {}, 'The notice as shown'),
        stored instanceof Error ? message('bad', stored.message) : [
          h('p', { class: 'muted' }, 'Notice ', h('code', {}, e.noticeId), `, first served ${stored.firstServedAt}`),
          noticeView({ ...stored.rendering, noticeId: e.noticeId }),
          h('details', {}, h('summary', {}, 'The stored rendering, as hashed'), h('pre', { class: 'mono' }, JSON.stringify(stored.rendering, null, 2)))]));
    } else {
      item.append(h('p', { class: 'muted' }, 'The banner named no notice for this event.'));
    }
    list.append(item);
  }
  main.append(history.events.length ? list : message('info', 'No event for this visitor on this site.'));
}

/** One webhook endpoint's 2xx answer to this event, as its ledger record says. */
function told(d) {
  return h('div', { 'data-webhook-id': d.webhookId },
    `${d.deliveredAt}: answered ${d.statusCode}, endpoint `, h('code', {}, d.endpointId), ', URL SHA-256 ', h('code', {}, d.urlSha256),
    d.ledgerSeq === null ? ' (not yet sequenced)' : ` (seq ${d.ledgerSeq})`);
}
