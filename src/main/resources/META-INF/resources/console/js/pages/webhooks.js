import { h, clear, message, field, formValues, toast } from '../dom.js';
import { call, site } from '../api.js';
import { inScope } from '../session.js';
import { showDeliveries } from '../webhook-deliveries.js';

const EVENTS = [
  ['consent.changed', 'a visitor’s decision changed, withdrawals and opt-outs included'],
  ['policy.published', 'a policy version was published'],
  ['identity.linked', 'a site’s backend linked a visitor to an account'],
];

export async function render(main, ctx) {
  main.append(h('h1', {}, 'Webhooks'));
  if (!ctx.siteKey || !inScope(ctx.grants.admin, ctx.siteKey)) {
    main.append(message('info', 'Choose one of your sites above.'));
    return;
  }
  // The secret lives in this page's DOM only, until the admin says it is saved or leaves the page.
  const page = {
    base: `/api/v1/admin/sites/${site(ctx.siteKey)}/webhooks`,
    secretBox: h('div', { id: 'secret-box' }),
    list: h('section', { id: 'endpoints', 'aria-labelledby': 'endpoints-heading' }),
    log: h('section', { id: 'delivery-log', 'aria-labelledby': 'log-heading' }),
  };
  page.refresh = () => drawList(page, ctx.siteKey);
  main.append(page.secretBox, page.list, page.log, createForm(page));
  await page.refresh();
}

async function drawList(page, siteKey) {
  const endpoints = await call(page.base);
  clear(page.list, h('h2', { id: 'endpoints-heading', tabindex: -1 }, `Endpoints of ${siteKey}`),
    endpoints.length === 0 ? message('info', 'No endpoint yet: add one below.') : endpoints.map(w => card(page, w)));
}

function card(page, w) {
  const title = 'endpoint-title-' + w.id;
  const fact = (label, value, name) => [h('dt', {}, label), h('dd', { class: name }, value)];
  const state = !w.enabled ? h('strong', { class: 'state bad' }, 'Disabled')
    : w.failingSince ? h('strong', { class: 'state bad' }, 'Enabled, failing') : h('strong', { class: 'state ok' }, 'Enabled');
  const confirmBox = h('div', { class: 'confirm', 'aria-live': 'polite' });
  const act = (name, label, onclick, secondary = true) =>
    h('button', { type: 'button', id: `${name}-${w.id}`, class: secondary ? 'secondary' : null, onclick }, label);
  return h('article', { class: 'panel endpoint', id: 'endpoint-' + w.id, 'aria-labelledby': title },
    h('h3', { id: title, tabindex: -1 }, w.url),
    w.description ? h('p', { class: 'muted' }, w.description) : null,
    h('dl', { class: 'facts' },
      fact('Status', state, 'status'),
      w.enabled ? null : fact('Disabled', `${w.disabledAt}: ${w.disabledReason || 'no reason recorded'}`, 'disabled'),
      fact('Events', w.events.join(', '), 'events'),
      fact('Failing since', w.failingSince || '–', 'failing-since'),
      fact('Last delivered', w.lastDeliveredAt || 'never', 'last-delivered'),
      fact('Pending deliveries', w.pendingDeliveries, 'pending'),
      fact('Failed deliveries', w.failedDeliveries, 'failed'),
      fact('Created', w.createdAt, 'created')),
    h('div', { class: 'actions' },
      w.enabled ? null : act('enable', 'Enable again', () => enable(page, w), false),
      act('log', 'Delivery log', () => showDeliveries(page, w)),
      act('test', 'Send a test', () => sendTest(page, w)),
      act('rotate', 'Rotate secret', () => rotate(page, w)),
      act('delete', 'Delete…', () => askDelete(page, w, confirmBox))),
    confirmBox);
}

async function enable(page, w) {
  try {
    const enabled = await call(`${page.base}/${w.id}/enable`, { method: 'POST' });
    toast(enabled.pendingDeliveries === 0 ? 'Enabled.' : `Enabled: its ${enabled.pendingDeliveries} pending deliveries are due now.`);
    await page.refresh();
    document.getElementById('endpoint-title-' + w.id)?.focus();
  } catch (err) {
    toast(err.message);
  }
}

async function sendTest(page, w) {
  try {
    await call(`${page.base}/${w.id}/test`, { method: 'POST' });
    toast('A webhook.test is queued; the delivery log shows how it went.');
    await showDeliveries(page, w);
  } catch (err) {
    toast(err.message);
  }
}

async function rotate(page, w) {
  try {
    showSecret(page, await call(`${page.base}/${w.id}/rotate-secret`, { method: 'POST' }), true);
  } catch (err) {
    toast(err.message);
  }
}

function askDelete(page, w, box) {
  const keep = h('button', { type: 'button', class: 'secondary', id: 'keep-' + w.id, onclick: () => {
    clear(box);
    document.getElementById('delete-' + w.id).focus();
  } }, 'Keep it');
  clear(box, message('bad', `Delete ${w.url}? Its deliveries go with it, pending ones included, and this cannot be undone.`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', id: 'confirm-delete-' + w.id, onclick: async () => {
        try {
          await call(`${page.base}/${w.id}`, { method: 'DELETE' });
          toast(`Deleted ${w.url}.`);
          if (page.log.dataset.endpoint === w.id) clear(page.log);
          await page.refresh();
          document.getElementById('endpoints-heading').focus();
        } catch (err) {
          clear(box, message('bad', err.message));
        }
      } }, 'Delete for good'), keep));
  keep.focus();
}

function createForm(page) {
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'create-webhook', onsubmit: async e => {
    e.preventDefault();
    const v = formValues(form);
    const events = EVENTS.map(([name]) => name).filter(name => form.elements['event:' + name].checked);
    if (events.length === 0) {
      clear(status, message('bad', 'Events: choose at least one.'));
      form.elements['event:' + EVENTS[0][0]].focus();
      return;
    }
    const body = { url: v.url, events };
    if (v.description) body.description = v.description;
    try {
      const created = await call(page.base, { method: 'POST', body });
      form.reset();
      clear(status);
      await page.refresh();
      showSecret(page, created, false);
    } catch (err) {
      clear(status, message('bad', err.message));
    }
  } },
  h('h2', {}, 'Add an endpoint'),
  h('div', { class: 'fields' },
    field('URL (https)', h('input', { name: 'url', id: 'webhook-url', type: 'url', required: true, maxlength: 2048,
      placeholder: 'https://crm.example.com/hooks/consent', autocomplete: 'off', spellcheck: 'false' }), { class: 'wide' }),
    h('fieldset', { class: 'wide', id: 'webhook-events' }, h('legend', {}, 'Events to send'),
      EVENTS.map(([name, label]) => h('label', { class: 'inline' },
        h('input', { type: 'checkbox', name: 'event:' + name, id: 'event-' + name.replace('.', '-'), checked: name === EVENTS[0][0] }),
        h('span', {}, h('code', {}, name), ': ', label)))),
    field('Description (optional)', h('input', { name: 'description', id: 'webhook-description', maxlength: 500 }), { class: 'wide' })),
  h('p', { class: 'muted' }, 'Any endpoint can also be sent a webhook.test. Its signing secret is shown once, when it is made.'),
  status,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'create-webhook-button' }, 'Add endpoint')));
  return form;
}

/** The secret as the service just gave it: shown this once, with a way to copy it. */
function showSecret(page, w, rotated) {
  const input = h('input', { id: 'secret-value', readonly: true, value: w.secret, class: 'mono', autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'secret-warning', onfocus: e => e.target.select() });
  const copied = h('span', { id: 'secret-copied', role: 'status' });
  const heading = h('h2', { id: 'secret-heading', tabindex: -1 }, rotated ? 'The new signing secret' : 'The signing secret');
  clear(page.secretBox, h('section', { class: 'panel secret', 'aria-labelledby': 'secret-heading' },
    heading,
    h('p', {}, 'For ', h('code', {}, w.url), '. Receivers verify each delivery’s webhook-signature with it.'),
    h('p', { id: 'secret-warning', class: 'message bad' }, 'Copy it now: you will not see it again. '
      + 'Neither the console nor the service will show it another time; if it is lost, rotate the secret.'),
    rotated ? h('p', { id: 'secret-overlap' }, 'The old secret still signs for 24 hours, beside this one, '
      + 'so receivers can switch to the new one without missing a delivery.') : null,
    field('Secret', input),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'copy-secret', onclick: async () => {
        try {
          await navigator.clipboard.writeText(input.value);
          copied.textContent = 'Copied.';
        } catch (err) {
          input.focus();
          copied.textContent = 'This browser refused the clipboard: the secret is selected, copy it with Ctrl+C or ⌘C.';
        }
      } }, 'Copy'),
      copied,
      h('button', { type: 'button', class: 'secondary', id: 'secret-saved', onclick: () => {
        clear(page.secretBox);
        document.getElementById('endpoints-heading').focus();
      } }, 'I have saved it'))));
  heading.focus();
}
