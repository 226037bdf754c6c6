import { h, clear, toast } from './dom.js';
import { call } from './api.js';
import { token, grants, signOut, currentSite, chooseSite, inScope } from './session.js';

// Each page: where it sits in the menu, who may see it, and the module that draws it.
const PAGES = [
  { path: 'sites', title: 'Sites', section: 'Admin', allowed: g => g.admin.any, module: './pages/sites.js' },
  { path: 'policies', title: 'Policy versions', section: 'Admin', allowed: g => g.admin.any, module: './pages/policies.js' },
  { path: 'webhooks', title: 'Webhooks', section: 'Admin', allowed: g => g.admin.any, module: './pages/webhooks.js' },
  { path: 'overtime', title: 'Consent over time', section: 'Audit', allowed: g => g.auditor.any, module: './pages/overtime.js' },
  { path: 'reconsent', title: 'Re-consent progress', section: 'Audit', allowed: g => g.auditor.any, module: './pages/reconsent.js' },
  { path: 'events', title: 'Event search', section: 'Audit', allowed: g => g.auditor.any, module: './pages/events.js' },
  { path: 'history', title: 'Visitor history', section: 'Audit', allowed: g => g.auditor.any, module: './pages/history.js' },
  { path: 'ledger', title: 'Ledger', section: 'Audit', allowed: g => g.auditor.any, module: './pages/ledger.js' },
  { path: 'diff', title: 'Compare versions', section: 'Documents', allowed: g => g.admin.any || g.auditor.any, module: './pages/diff.js' },
];

let knownSites = { keys: [], names: new Map(), complete: false };
let shown = 0; // a later navigation wins over a page still loading

function route() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  return { path: path || '', params: new URLSearchParams(search || '') };
}

async function show() {
  const main = document.getElementById('main');
  const { path, params } = route();
  const generation = ++shown;
  delete main.dataset.ready; // set again once the page has drawn: tests and screenshots wait for it
  if (!token() || path === 'signin') {
    delete document.getElementById('nav').dataset.pages;
    clear(document.getElementById('nav'));
    clear(document.getElementById('toast')); // what it said was for the user who signed out
    clear(document.getElementById('site-picker'));
    clear(document.getElementById('who'));
    const signin = await import('./pages/signin.js');
    await signin.render(main, { onSignedIn: start });
    main.dataset.ready = 'signin';
    return;
  }
  const g = grants();
  const allowed = PAGES.filter(p => p.allowed(g));
  if (allowed.length === 0) {
    signOut('This token holds no admin or auditor role, so the console has nothing to show.');
    return;
  }
  const page = allowed.find(p => p.path === path);
  if (!page) {
    location.replace('#/' + allowed[0].path);
    return;
  }
  drawNav(allowed, page);
  // A link may name the site (?site=): it becomes the chosen one when the roles cover it.
  const linked = params.get('site');
  if (linked && linked !== currentSite() && (inScope(g.admin, linked) || inScope(g.auditor, linked))) {
    chooseSite(linked);
    const picker = document.getElementById('site');
    if (picker) picker.value = linked;
  }
  const siteKey = linked || currentSite();
  const ctx = { siteKey, grants: g, params, knownSites, go: (p, extra) => go(p, extra),
    sitesChanged: async chosen => { chooseSite(chosen); await loadSites(g); drawSitePicker(g); } };
  clear(main, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const module = await import(page.module);
    if (generation !== shown) return;
    clear(main);
    document.title = page.title + ' · Consent Ledger console';
    await module.render(main, ctx);
  } catch (e) {
    if (e.status === 401) return;
    clear(main, h('h1', {}, page.title), h('div', { class: 'message bad', role: 'alert' }, e.message));
  }
  if (generation === shown) main.dataset.ready = page.path;
}

function go(path, params = {}) {
  const search = new URLSearchParams(params).toString();
  location.hash = '#/' + path + (search ? '?' + search : '');
}

function drawNav(allowed, current) {
  const nav = document.getElementById('nav');
  const pages = allowed.map(p => p.path).join(' ');
  // The same menu is marked, not drawn again: a link replaced between a click's mousedown and
  // mouseup (a typed site key is taken on that mousedown) never receives the click.
  if (nav.dataset.pages === pages) {
    nav.querySelectorAll('a').forEach(a => a.id === 'nav-' + current.path ? a.setAttribute('aria-current', 'page')
      : a.removeAttribute('aria-current'));
    return;
  }
  nav.dataset.pages = pages;
  const sections = [...new Set(allowed.map(p => p.section))];
  clear(nav, sections.map(section => [
    h('h2', {}, section),
    h('ul', {}, allowed.filter(p => p.section === section).map(p => h('li', {},
      h('a', { href: '#/' + p.path, id: 'nav-' + p.path, 'aria-current': p === current ? 'page' : null }, p.title)))),
  ]));
}

/** The sites the roles cover, each with its name: the console offers them to pick from. */
async function loadSites(g) {
  const sites = new Map();
  const list = async path => {
    try {
      (await call(path)).forEach(s => sites.set(s.siteKey, s.name));
      return true;
    } catch (e) {
      if (e.status === 401) throw e;
      return false;
    }
  };
  if (g.admin.any) await list('/api/v1/admin/sites');
  let complete = true;
  if (g.auditor.any && !(await list('/api/v1/audit/sites'))) {
    // Without the listing, a global or pattern auditor types a key; one with named sites still picks.
    g.auditor.scopes.filter(s => !s.endsWith('*') && !sites.has(s)).forEach(s => sites.set(s, ''));
    complete = !g.auditor.global && !g.auditor.scopes.some(s => s.endsWith('*'));
  }
  knownSites = { keys: [...sites.keys()].sort(), names: sites, complete };
}

function drawSitePicker(g) {
  const picker = document.getElementById('site-picker');
  const useSite = value => {
    const key = value.trim();
    if (key && !inScope(g.admin, key) && !inScope(g.auditor, key)) {
      toast(`The site “${key}” is not in your roles' scope.`);
      document.getElementById('site').value = currentSite();
      return;
    }
    chooseSite(key);
    const target = '#/' + route().path;
    if (location.hash !== target) location.hash = target; else show();
  };
  if (knownSites.complete) {
    const select = h('select', { id: 'site', onchange: e => useSite(e.target.value) },
      h('option', { value: '' }, '— choose a site —'),
      knownSites.keys.map(k => h('option', { value: k, selected: k === currentSite() },
        knownSites.names.get(k) ? `${k} · ${knownSites.names.get(k)}` : k)));
    clear(picker, h('label', { for: 'site', class: 'inline' }, 'Site'), select);
    if (!currentSite() && knownSites.keys.length === 1) chooseSite(knownSites.keys[0]);
    select.value = currentSite();
  } else {
    const hint = g.auditor.global ? 'any site key' : 'in ' + g.auditor.scopes.join(', ');
    const input = h('input', { id: 'site', list: 'site-options', value: currentSite(), placeholder: hint,
      autocomplete: 'off', spellcheck: 'false', onchange: e => useSite(e.target.value) });
    clear(picker, h('label', { for: 'site', class: 'inline' }, 'Site'), input,
      h('datalist', { id: 'site-options' }, knownSites.keys.map(k => h('option', { value: k }))));
  }
}

function drawWho(g) {
  clear(document.getElementById('who'),
    h('span', { id: 'who-groups', title: g.subject }, g.groups.join(', ')),
    h('button', { class: 'secondary', id: 'sign-out', type: 'button', onclick: () => signOut('You signed out.') }, 'Sign out'));
}

async function start() {
  if (!token()) return show();
  const g = grants();
  try {
    await loadSites(g);
  } catch (e) {
    return;
  }
  const site = currentSite();
  if (site && !inScope(g.admin, site) && !inScope(g.auditor, site)) chooseSite('');
  drawSitePicker(g);
  drawWho(g);
  const { path } = route();
  const first = PAGES.find(p => p.allowed(g));
  if ((path === 'signin' || path === '') && first) {
    location.replace('#/' + first.path); // the hashchange draws it
  } else {
    await show();
  }
}

window.addEventListener('hashchange', show);
start();
