import { h, clear, message, field } from '../dom.js';
import { call } from '../api.js';
import { signIn, takeNotice } from '../session.js';

export async function render(main, { onSignedIn }) {
  document.title = 'Sign in · Consent Ledger console';
  const notice = takeNotice();
  const status = h('div', { id: 'signin-status', 'aria-live': 'polite' }, notice ? message('info', notice) : null);
  const tokenBox = h('textarea', { id: 'token', name: 'token', rows: 4, spellcheck: 'false', autocomplete: 'off',
    required: true, placeholder: 'eyJhbGciOi…' });
  const use = value => {
    try {
      signIn(value.trim());
      onSignedIn();
    } catch (e) {
      clear(status, message('bad', e.message));
    }
  };
  const pasteForm = h('form', { id: 'token-form', onsubmit: e => { e.preventDefault(); use(tokenBox.value); } },
    h('h2', {}, 'Paste a token'),
    h('p', { class: 'muted' }, 'A bearer token from your identity provider. It stays in this tab (session storage) and goes when you close it or sign out.'),
    field('Token', tokenBox),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'token-sign-in' }, 'Sign in')));
  const devSlot = h('div', { id: 'dev-slot' });
  clear(main, h('h1', {}, 'Sign in'), status, pasteForm, devSlot);
  tokenBox.focus();
  if (await devTokensOffered()) clear(devSlot, devForm(use, status));
}

/** The local profile hands out trial tokens (POST /dev/token); elsewhere there is no such endpoint. */
async function devTokensOffered() {
  try {
    return (await call('/api/v1/console/sign-in', { auth: false })).devTokens === true;
  } catch (e) {
    return false;
  }
}

function devForm(use, status) {
  const role = h('select', { id: 'dev-role', name: 'role' },
    ['admin', 'auditor', 'admin:<site>', 'auditor:<site>'].map(r => h('option', { value: r }, r)));
  const scope = h('input', { id: 'dev-scope', name: 'scope', placeholder: 'news or news-*', autocomplete: 'off' });
  return h('form', { id: 'dev-form', onsubmit: async e => {
    e.preventDefault();
    const chosen = role.value.replace('<site>', scope.value.trim());
    try {
      const issued = await call('/dev/token?role=' + encodeURIComponent(chosen), { method: 'POST', auth: false });
      use(issued.token);
    } catch (err) {
      clear(status, message('bad', err.message));
    }
  } },
  h('h2', {}, 'Try a role (local profile only)'),
  h('p', { class: 'muted' }, 'This service runs in the local profile, which hands out trial tokens. Production has no such endpoint.'),
  h('div', { class: 'fields' }, field('Role', role), field('Site key or pattern, for a scoped role', scope)),
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'dev-sign-in' }, 'Get a token and sign in')));
}
