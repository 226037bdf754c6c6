/*! Consent Ledger banner v1: records what each visitor was shown and chose. No dependencies. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || window.ConsentLedger) return;
  var site = me.getAttribute('data-site');
  var api = new URL(me.src, location.href).origin + '/api/v1/sites/' + encodeURIComponent(site);
  var STATE = 'consentledger:' + site, OUTBOX = STATE + ':outbox', SHOWN = STATE + ':shown';
  var COOKIE = 'consentledger_vid';
  var gpc = navigator.globalPrivacyControl === true;
  var notice = null, host = null, root = null, manage = false, lastFocus = null, listening = false;

  function read(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or blocked */ }
  }
  function shown(value) {
    try {
      if (value === undefined) return sessionStorage.getItem(SHOWN) || '';
      if (value) sessionStorage.setItem(SHOWN, value); else sessionStorage.removeItem(SHOWN);
    } catch (e) { return ''; }
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = [];
    b[6] = b[6] & 15 | 64; b[8] = b[8] & 63 | 128;
    for (var i = 0; i < 16; i++) h.push((b[i] + 256).toString(16).slice(1));
    return h.join('').replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  }
  function visitorId() {
    var m = document.cookie.match(new RegExp('(?:^|; )' + COOKIE + '=([0-9a-f-]{36})'));
    var id = m ? m[1] : uuid();
    document.cookie = COOKIE + '=' + id + '; Max-Age=34560000; Path=/; SameSite=Lax' +
      (location.protocol === 'https:' ? '; Secure' : '');
    return id;
  }
  var visitor = visitorId();

  // ---- state and signals -------------------------------------------------------------------
  function granted(categories) {
    return Object.keys(categories || {}).filter(function (k) { return categories[k] === 'GRANTED'; });
  }
  function apply(categories) {
    var on = granted(categories);
    if (on.indexOf('necessary') < 0) on.unshift('necessary');
    var has = function (k) { return on.indexOf(k) >= 0 ? 'granted' : 'denied'; };
    if (typeof window.gtag === 'function') {
      window.gtag('consent', 'update', { ad_storage: has('marketing'), analytics_storage: has('analytics'),
        ad_user_data: has('marketing'), ad_personalization: has('marketing') });
    }
    document.querySelectorAll('script[type="text/plain"][data-consent-category]').forEach(function (s) {
      if (on.indexOf(s.getAttribute('data-consent-category')) < 0 || s.hasAttribute('data-consent-activated')) return;
      var run = document.createElement('script');
      Array.prototype.forEach.call(s.attributes, function (a) {
        if (a.name !== 'type' && a.name !== 'data-consent-category') run.setAttribute(a.name, a.value);
      });
      run.text = s.text;
      s.setAttribute('data-consent-activated', '');
      s.parentNode.insertBefore(run, s.nextSibling);
    });
    document.dispatchEvent(new CustomEvent('consentledger:change',
      { bubbles: true, detail: { granted: on, categories: categories || {} } }));
  }
  function remember(patch) {
    var s = read(STATE, {});
    for (var k in patch) s[k] = patch[k];
    write(STATE, s);
    return s;
  }

  // ---- delivery: a persistent outbox, sent with keepalive, retried with the same eventId ----
  function post(event) {
    return fetch(api + '/events', { method: 'POST', keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) })
      .then(function (r) {
        if (r.ok || (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429)) {
          write(OUTBOX, read(OUTBOX, []).filter(function (e) { return e.eventId !== event.eventId; }));
        }
        return r.ok ? r.json() : null;
      }, function () { return null; });
  }
  function flush() {
    return Promise.all(read(OUTBOX, []).map(function (e) {
      return post(e).then(function (body) { if (e.type !== 'NOTICE_SHOWN') settle(body); });
    }));
  }
  // The answer to a decision, or the standing consent; only a decision's answer carries a receipt.
  function settle(body) {
    if (!body || !body.outcome) return;
    var patch = { categories: body.outcome.categories, pending: false };
    if (body.receipt) patch.receipt = body.receipt;
    remember(patch);
    apply(body.outcome.categories);
  }
  function send(type, categories) {
    var event = { eventId: uuid(), visitorId: visitor, type: type,
      documentVersionIds: notice.documents.map(function (d) { return d.id; }),
      pageUrl: location.href.slice(0, 2048), language: navigator.language || undefined,
      clientTime: new Date().toISOString(), gpc: gpc };
    if (categories) event.categories = categories;
    write(OUTBOX, read(OUTBOX, []).concat([event]).slice(-50));
    if (type !== 'NOTICE_SHOWN') {
      remember({ noticeId: notice.noticeId, pending: true });
      shown(null);
    }
    return post(event).then(function (body) { if (type !== 'NOTICE_SHOWN') settle(body); });
  }

  // ---- the banner --------------------------------------------------------------------------
  var CSS = ':host{all:initial!important;display:block!important;position:fixed!important;left:0!important;' +
    'right:0!important;bottom:0!important;z-index:2147483646!important}' +
    '*{box-sizing:border-box;margin:0;padding:0}' +
    '.b{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;' +
    'border-top:1px solid #c7c7c7;box-shadow:0 -4px 24px rgba(0,0,0,.12);padding:20px 24px;max-height:90vh;' +
    'overflow:auto;animation:u .25s ease-out}@keyframes u{from{transform:translateY(100%)}}' +
    '.w{max-width:960px;margin:0 auto;position:relative}h2{font-size:18px;line-height:1.3;margin:0 40px 8px 0}' +
    'p,ul{margin:0 0 12px}ul{padding-left:20px}a{color:#1d4ed8;text-decoration:underline}' +
    '.x{position:absolute;top:-6px;right:-6px;width:40px;height:40px;border:0;border-radius:50%;background:none;' +
    'font-size:26px;line-height:1;color:#1a1a1a;cursor:pointer}.x:hover{background:#eee}' +
    '.r{display:flex;flex-wrap:wrap;gap:8px}.r button{flex:1 1 140px;min-height:44px;padding:8px 16px;' +
    'font:inherit;font-weight:600;color:#fff;background:#1e3a8a;border:2px solid #1e3a8a;' +
    'border-radius:6px;cursor:pointer}.r button:hover{background:#172c6b}' +
    'button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}' +
    'fieldset{border:1px solid #c7c7c7;border-radius:6px;padding:8px 12px;margin:0 0 12px}' +
    'legend{font-weight:600;padding:0 4px}label{display:flex;gap:10px;align-items:center;padding:6px 0}' +
    '.p .r{margin-bottom:12px}.d{margin-top:12px}[data-mode=IMPLIED] .r button{flex:0 1 auto}' +
    'input{width:20px;height:20px;accent-color:#1e3a8a}.n{color:#4a4a4a;font-size:14px}' +
    '@media (max-width:480px){.b{padding:16px}.r button{flex-basis:100%}}' +
    '@media (prefers-reduced-motion:reduce){.b{animation:none}}';

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'on') e.addEventListener('click', attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function label(key) {
    var s = key.replace(/[_-]+/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  function button(text, action, cls) {
    return el('button', { type: 'button', 'class': cls || '', 'data-action': action, text: text, on: act(action) });
  }

  function render(managing) {
    close(true);
    manage = managing;
    var explicit = manage || notice.mode === 'EXPLICIT';
    var docs = notice.documents.map(function (d) {
      return el('li', {}, [el('a', { href: d.url, target: '_blank', rel: 'noopener', text: d.title }),
        document.createTextNode(' (' + d.version + ')')]);
    });
    var addenda = notice.documents.filter(function (d) { return d.eeaAddendum; })
      .map(function (d) { return el('p', { 'class': 'n', text: d.eeaAddendum }); });
    var s = read(STATE, {});
    var choices = explicit ? [button('Reject all', 'reject'), button('Choose', 'choose'), button('Accept all', 'accept')]
      : [button('Manage choices', 'choose')];
    if (manage && granted(s.categories).some(function (k) { return k !== 'necessary'; })) {
      choices.push(button('Withdraw consent', 'withdraw'));
    }
    var receipt = manage && s.receipt ? el('p', { 'class': 'n d' }, [el('a', { 'data-action': 'receipt',
      href: 'data:application/json;charset=utf-8,' + encodeURIComponent(JSON.stringify(s.receipt, null, 2)),
      download: 'consent-receipt-' + s.receipt.event.eventId + '.json', text: 'Download my consent receipt' })]) : null;
    host = el('consent-ledger-banner');
    root = host.attachShadow({ mode: 'open' });
    if (root.adoptedStyleSheets && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el('style', { text: CSS }));
    }
    root.appendChild(el('section', { 'class': 'b', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'cl-t', 'aria-describedby': 'cl-d', 'data-mode': explicit ? 'EXPLICIT' : 'IMPLIED' }, [
      el('div', { 'class': 'w' }, [
        el('h2', { id: 'cl-t', text: 'Privacy and cookies' }),
        el('p', { id: 'cl-d', text: explicit
          ? 'Choose which optional cookies you allow. Nothing optional is used until you choose. You can change or withdraw your choice at any time.'
          : 'By using this site you accept the documents below. You can change your choices at any time.' }),
        el('ul', {}, docs)].concat(addenda).concat([
        gpc ? el('p', { 'class': 'n', text: 'Your browser sends a Global Privacy Control signal; it is respected.' }) : null,
        el('div', { 'class': 'p', hidden: '' }),
        el('div', { 'class': 'r' }, choices),
        receipt,
        button('\u00d7', 'close', 'x')]))]));
    root.querySelector('.x').setAttribute('aria-label', 'Close');
    root.querySelector('section').addEventListener('keydown', function (e) {
      if (e.key === 'Escape') act('close')();
    });
    document.body.insertBefore(host, document.body.firstChild);
    if (explicit) root.querySelector('.r button').focus();
  }

  function preferences() {
    var panel = root.querySelector('.p'), on = granted(read(STATE, {}).categories);
    if (!panel.hidden) return;
    var boxes = notice.categories.map(function (c) {
      var box = el('input', { type: 'checkbox', name: c.key });
      box.checked = c.required || on.indexOf(c.key) >= 0;
      box.disabled = c.required;
      return el('label', {}, [box, document.createTextNode(label(c.key) + (c.required ? ' (always on)' : ''))]);
    });
    panel.appendChild(el('fieldset', {}, [el('legend', { text: 'Categories' })].concat(boxes)));
    panel.appendChild(el('div', { 'class': 'r' }, [button('Save choices', 'save')]));
    panel.hidden = false;
    panel.querySelector('input:not([disabled])') && panel.querySelector('input:not([disabled])').focus();
  }

  function act(action) {
    return function () {
      if (action === 'choose') return preferences();
      if (action === 'close' && manage) return close();
      var type = { accept: 'ACCEPT_ALL', reject: 'REJECT_ALL', save: 'PREFERENCES_SAVED', withdraw: 'WITHDRAWN',
        close: 'BANNER_CLOSED' }[action];
      var chosen = action !== 'save' ? null : Array.prototype.filter.call(root.querySelectorAll('input'),
        function (i) { return i.checked && !i.disabled; }).map(function (i) { return i.name; });
      close();
      send(type, chosen);
    };
  }

  function close(keepFocus) {
    if (!host) return;
    host.remove();
    host = root = null;
    if (!keepFocus && lastFocus && lastFocus.focus) lastFocus.focus();
  }

  // Outside the EEA, using the site while the notice is up is recorded once as BROWSING_CONTINUED.
  function watchBrowsing() {
    shown(notice.noticeId + ' ' + location.pathname + location.search);
    if (listening) return;
    listening = true;
    document.addEventListener('click', function (e) {
      if (!host || manage || e.composedPath().indexOf(host) >= 0) return;
      if (e.target.closest && e.target.closest('[data-consentledger-open]')) return;
      close(true);
      send('BROWSING_CONTINUED');
    }, true);
  }

  function show() {
    render(false);
    if (notice.mode === 'IMPLIED') watchBrowsing();
    send('NOTICE_SHOWN');
  }

  function open() {
    lastFocus = document.activeElement;
    if (notice) render(true);
  }

  function getJson(url) {
    return fetch(url, { credentials: 'omit' }).then(function (r) { return r.ok ? r.json() : null; },
      function () { return null; });
  }

  function start() {
    var stored = read(STATE, {});
    apply(stored.categories);
    document.addEventListener('click', function (e) {
      var t = e.target.closest && e.target.closest('[data-consentledger-open]');
      if (t) { e.preventDefault(); open(); }
    });
    return Promise.all([getJson(api + '/notice'), flush()]).then(function (r) {
      notice = r[0];
      if (!notice) return null;
      return getJson(api + '/visitors/' + visitor + '/consent').then(decide);
    });
  }

  function decide(consent) {
    var s = read(STATE, {}), same = s.noticeId === notice.noticeId;
    var was = shown().split(' ');
    if (notice.mode === 'IMPLIED' && was[0] === notice.noticeId && was[1] !== location.pathname + location.search) {
      return send('BROWSING_CONTINUED');
    }
    if (same && s.pending && read(OUTBOX, []).length > 0) return null; // our choice has not reached the server yet
    if (consent && !consent.reconsentRequired) {
      remember({ noticeId: notice.noticeId });
      settle(consent);
    } else if (consent || !same || was[0]) {
      show();
    }
    return null;
  }

  window.addEventListener('online', flush);
  window.ConsentLedger = {
    open: open,
    visitorId: visitor,
    receipt: function () { return read(STATE, {}).receipt || null; },
    granted: function () { return granted(read(STATE, {}).categories).concat(['necessary']).filter(function (k, i, a) { return a.indexOf(k) === i; }); },
    ready: new Promise(function (done) {
      var go = function () { start().then(done, done); };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go); else go();
    })
  };
})();
