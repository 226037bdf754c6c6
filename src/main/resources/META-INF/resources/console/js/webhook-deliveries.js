import { h, clear, table, message, field, toast } from './dom.js';
import { call, query } from './api.js';

const STATUSES = ['PENDING', 'DELIVERED', 'FAILED'];
const PER_PAGE = 25;

/**
 * An endpoint's delivery log in page.log: filtered by status, oldest first as the service pages
 * it, with earlier cursors kept so "Previous page" can go back.
 */
export async function showDeliveries(page, w) {
  const view = { page, w, status: '', cursors: [] };
  const rows = h('div', { id: 'log-rows', 'aria-live': 'polite' });
  const filter = h('select', { id: 'log-status', onchange: e => {
    view.status = e.target.value;
    view.cursors = [];
    draw(view, rows);
  } }, h('option', { value: '' }, 'any'), STATUSES.map(s => h('option', { value: s }, s)));
  const heading = h('h2', { id: 'log-heading', tabindex: -1 }, 'Deliveries to ', h('code', {}, w.url));
  page.log.dataset.endpoint = w.id;
  clear(page.log, heading,
    h('div', { class: 'fields' }, field('Status', filter)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'log-refresh', onclick: () => draw(view, rows) }, 'Refresh')),
    rows);
  await draw(view, rows);
  heading.focus();
}

async function draw(view, rows) {
  const { page, w, status, cursors } = view;
  const focused = document.activeElement?.id;
  let listed;
  try {
    listed = await call(`${page.base}/${w.id}/deliveries${query({ status, cursor: cursors[cursors.length - 1], limit: PER_PAGE })}`);
  } catch (err) {
    clear(rows, message('bad', err.message));
    return;
  }
  const turn = (id, label, next) => h('button', { type: 'button', class: 'secondary', id, onclick: () => {
    view.cursors = next;
    draw(view, rows);
  } }, label);
  clear(rows,
    listed.items.length === 0 ? message('info', status ? `No ${status} delivery.` : 'No delivery yet.') :
      table(`Page ${cursors.length + 1}, oldest first: ${listed.items.length} ${listed.items.length === 1 ? 'delivery' : 'deliveries'}`,
        // The status comes first, with its Retry button: at phone width the table scrolls sideways.
        ['Status', 'Event', 'Made', 'Attempts', 'Last status code', 'Last error', 'Next try', 'Delivered', 'webhook-id'],
        listed.items.map(d => [d.status !== 'FAILED' ? d.status : h('span', { class: 'with-action' }, d.status,
          h('button', { type: 'button', class: 'secondary', id: 'retry-' + d.id, 'aria-label': `Retry delivery ${d.id}`,
            onclick: () => retry(view, rows, d) }, 'Retry')),
        d.eventType, d.createdAt, d.attempts, d.lastStatusCode ?? '–', d.lastError || '', d.nextAttemptAt || '–',
        d.deliveredAt || '–', h('code', {}, d.webhookId)]),
        { id: 'deliveries-table' }),
    h('div', { class: 'actions' },
      cursors.length > 0 ? turn('log-previous', 'Previous page', cursors.slice(0, -1)) : null,
      listed.nextCursor ? turn('log-next', 'Next page', [...cursors, listed.nextCursor]) : null));
  rows.dataset.status = status || 'any'; // what the rows show, for whoever waits for a filter to apply
  // A redraw replaces the buttons: the focus goes back to the one that was pressed, when it is still there.
  if (focused && !document.getElementById(focused)) document.getElementById('log-heading')?.focus();
  else if (focused) document.getElementById(focused).focus();
}

async function retry(view, rows, delivery) {
  try {
    await call(`${view.page.base}/${view.w.id}/deliveries/${delivery.id}/retry`, { method: 'POST' });
    toast(`Delivery ${delivery.id} is due now.`);
    await Promise.all([draw(view, rows), view.page.refresh()]);
  } catch (err) {
    toast(err.message);
  }
}
