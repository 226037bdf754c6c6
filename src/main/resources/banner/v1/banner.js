/*! Consent Ledger banner v1: records what each visitor was shown and chose. No dependencies. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || window.ConsentLedger) return;
  var site = me.getAttribute('data-site'), lang = me.getAttribute('data-lang');
  var domain = me.getAttribute('data-cookie-domain');
  var api = new URL(me.src, location.href).origin + '/api/v1/sites/' + encodeURIComponent(site);
  var STATE = 'consentledger:' + site, OUTBOX = STATE + ':outbox', SHOWN = STATE + ':shown';
  var COOKIE = 'consentledger_vid';
  var gpc = navigator.globalPrivacyControl === true;
  var notice = null, host = null, root = null, opened = false, lastFocus = null, listening = false;

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
  function uuidOf(b, version) {
    var h = [];
    b[6] = b[6] & 15 | version << 4; b[8] = b[8] & 63 | 128;
    for (var i = 0; i < 16; i++) h.push((b[i] + 256).toString(16).slice(1));
    return h.join('').replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  }
  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : uuidOf(crypto.getRandomValues(new Uint8Array(16)), 4);
  }
  // An eventId starts with the time it was made (a version 7 UUID, RFC 9562): the database's
  // indexes on eventIds then take each new id near their right edge, not on a random page.
  function eventUuid() {
    var b = crypto.getRandomValues(new Uint8Array(16)), ms = Date.now();
    for (var i = 5; i >= 0; i--) { b[i] = ms % 256; ms = Math.floor(ms / 256); }
    return uuidOf(b, 7);
  }
  function visitorId() {
    var m = document.cookie.match(new RegExp('(?:^|; )' + COOKIE + '=([0-9a-f-]{36})'));
    var id = m ? m[1] : uuid();
    // With data-cookie-domain (e.g. "example.com"), every subdomain shares the id.
    if (domain && ('.' + location.hostname).slice(-domain.length - 1) !== '.' + domain.replace(/^\./, '')) {
      console.warn('Consent Ledger: data-cookie-domain "' + domain + '" does not cover ' + location.hostname + '; ignored.');
      domain = null;
    }
    document.cookie = COOKIE + '=' + id + '; Max-Age=34560000; Path=/; SameSite=Lax' +
      (domain ? '; Domain=' + domain : '') + (location.protocol === 'https:' ? '; Secure' : '');
    return id;
  }
  var visitor = visitorId();

  // ---- state and signals -------------------------------------------------------------------
  function granted(categories) {
    return Object.keys(categories || {}).filter(function (k) { return categories[k] === 'GRANTED'; });
  }
  function granting(categories) {
    var on = granted(categories);
    if (on.indexOf('necessary') < 0) on.unshift('necessary');
    return on;
  }
  // What the site lets the banner tell ad tech. Before the notice is here: what the last one said, else all.
  function signals() {
    var s = (notice ? notice.signals : read(STATE, {}).signals) || {};
    return { gpp: s.gpp || null, uet: s.uet !== false, clarity: s.clarity !== false };
  }
  function uetq() {
    var q = window.uetq; // an array until Microsoft's UET tag loads, then an object; both take push
    return q && typeof q.push === 'function' && signals().uet ? q : null;
  }
  function apply(categories) {
    var on = granting(categories);
    var has = function (k) { return on.indexOf(k) >= 0 ? 'granted' : 'denied'; };
    if (typeof window.gtag === 'function') {
      window.gtag('consent', 'update', { ad_storage: has('marketing'), analytics_storage: has('analytics'),
        ad_user_data: has('marketing'), ad_personalization: has('marketing') });
    }
    // UET hears a decision only; before one it keeps its default (denied where the notice is EXPLICIT).
    if (uetq() && (read(STATE, {}).decision || {}).decided) {
      uetq().push('consent', 'update', { ad_storage: has('marketing') });
    }
    if (typeof window.clarity === 'function' && signals().clarity) {
      window.clarity('consentv2', { ad_Storage: has('marketing'), analytics_Storage: has('analytics') });
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

  // ---- gpp encoder ----
  // The IAB Global Privacy Platform string: the header, then usnat and the visitor's state section, if any; gpp
  // null gives the header alone. A GPC signal is an opt-out too. Self-contained: a test runs it in Node and has
  // the IAB's own library decode what it makes. The sections as that library (3.2.0) reads them, ids from 7 on:
  // a letter a field (A the first of VALUES), a list's length after it; '.', a GPC subsection; lowercase, a field
  // the library reports though its optional subsection is left out (sensitive-data consents).
  var GPP_LAYOUT = { usnat: 'A2CDEFGHIJKS16T3PMNO.', usca: 'ADEHIJS9T2PMNO.', usva: 'ACDFIKS8TMNO',
    usco: 'ACDFIKS7TMNO.', usut: 'ACDFGIKS8TMNO', usct: 'ACDFIKS8T3MNO.', usfl: 'ALDFIKS8T3QMNO',
    usmt: 'ACDFIKS8T3QMNO.', usor: 'ALDFIKS11T3QMNO.', ustx: 'ALDFIKS8TQMNO.', usde: 'ALDFIKS9T5QMNO.',
    usia: 'ALDFRIKS8TMNO.', usne: 'ALDFIKS8TQMNO.', usnh: 'ALDFIKS8T3QMNO.', usnj: 'ALDFIKS10T5QMNO.',
    ustn: 'ALDFIKS8TQMNO.', usmn: 'ALDFIKS8TQMNO.', usmd: 'BMULDFIKQ.', usin: 'BMULDFIKTQs8',
    usky: 'BMULDFIKTQs8', usri: 'BMULDFIKTQs8' };
  function gppSignal(gpp, optedOut, gpc) {
    var out = optedOut || gpc ? 1 : 2, covered = !!(gpp && gpp.mspaCoveredTransaction);
    var mode = !covered ? 0 : gpp.mspaMode === 'SERVICE_PROVIDER' ? 2 : 1; // no mode named: the opt-out option mode
    // The versions have 6 bits (usnat's, 2, after its letter); the notices given are 1, ProcessingNotice too (the
    // banner links the site's documents); 0, not applicable: sensitive data, children, consents to more processing.
    var VALUES = { Version: 1, MspaVersion: 1, SharingNotice: 1, SaleOptOutNotice: 1, SharingOptOutNotice: 1,
      TargetedAdvertisingOptOutNotice: 1, SensitiveDataProcessingOptOutNotice: 0, SensitiveDataLimitUseNotice: 0,
      SaleOptOut: out, SharingOptOut: out, TargetedAdvertisingOptOut: out, ProcessingNotice: 1,
      MspaCoveredTransaction: covered ? 1 : 2, MspaOptOutOptionMode: mode, MspaServiceProviderMode: covered ? 3 - mode : 0,
      PersonalDataConsents: 0, AdditionalDataProcessingConsent: 0, SensitiveDataOptOutNotice: 0,
      SensitiveDataProcessing: 0, KnownChildSensitiveDataConsents: 0, MspaMode: mode };
    function bin(n, width) {
      return (n | 1 << width).toString(2).slice(1);
    }
    // Zeckendorf bits for 1, 2, 3, 5, 8, ... lowest first, closed by an extra 1.
    function fib(n) {
      for (var f = [1, 2]; f[f.length - 1] <= n; ) f.push(f[f.length - 1] + f[f.length - 2]);
      for (var bits = '1', i = f.length - 2; i >= 0; i--) {
        bits = (f[i] <= n ? 1 : 0) + bits;
        if (f[i] <= n) n -= f[i];
      }
      return bits;
    }
    // Zeros to whole bytes, as base64url without '=' padding.
    function base64(bits) {
      while (bits.length % 8) bits += '0';
      return btoa(bits.replace(/.{8}/g, function (b) { return String.fromCharCode(parseInt(b, 2)); }))
        .replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
    }
    var ids = [], sections = {}, strings = [];
    Object.keys(GPP_LAYOUT).forEach(function (name, i) { // in id order, as the header lists them
      if (!gpp || (gpp.sections || ['usnat']).indexOf(name) < 0) return;
      var layout = GPP_LAYOUT[name], fields = sections[name] = {}, bits = '';
      layout.replace(/(\w)(\d*)/g, function (all, letter, n) {
        var field = Object.keys(VALUES)[parseInt(letter, 36) - 10], v = VALUES[field], version = letter < 'C';
        if (version) v = +n || v;
        else if (n) for (v = []; v.length < n; ) v.push(0);
        fields[field] = v;
        if (letter < 'a') [].concat(v).forEach(function (x) { bits += bin(x, version ? 6 : 2); });
      });
      bits = base64(bits);
      if (/\.$/.test(layout)) {
        fields.GpcSegmentType = 1;
        fields.Gpc = gpc;
        bits += gpc ? '.YA' : '.QA'; // the subsection: type 1, then the Gpc bit
      }
      ids.push(7 + i);
      strings.push(bits);
    });
    // Header: type 3, version 1, the ids as a Fibonacci range: a 12-bit count of groups, each an id (0) or a
    // run (1), its start an offset from the last group's end, a run's end one from its start.
    var groups = '', count = 0, last = 0;
    for (var i = 0, j; i < ids.length; i = j + 1, count++) {
      for (j = i; ids[j + 1] === ids[j] + 1; ) j++;
      groups += (j > i ? '1' : '0') + fib(ids[i] - last) + (j > i ? fib(ids[j] - ids[i]) : '');
      last = ids[j];
    }
    var header = base64(bin(3, 6) + bin(1, 6) + bin(count, 12) + groups);
    return { ids: ids, sections: sections, string: [header].concat(strings).join('~') };
  }
  // ---- end gpp encoder ----

  // ---- window.__gpp: the IAB Global Privacy Platform's CMP API 1.1 -------------------------
  // The IAB's stub, put before the banner, queued calls and registered listeners meanwhile: the banner
  // takes both over, the listeners with their ids, and answers the calls once the signal is ready.
  var gppListeners = {}, gppLastId = 0, gppQueue = [], gppReady = false, gppLast = null, gppDisplay = 'hidden';
  function gppPing() {
    var g = notice ? gppSignal(signals().gpp, read(STATE, {}).optedOut === true, gpc)
      : { ids: [], sections: {}, string: '' }; // not known yet: 'not ready', and no section said to apply
    return { gppVersion: '1.1', cmpStatus: 'loaded', cmpDisplayStatus: gppDisplay,
      signalStatus: gppReady ? 'ready' : 'not ready', cmpId: 0,
      supportedAPIs: Object.keys(GPP_LAYOUT).map(function (name, i) { return 7 + i + ':' + name; }),
      sectionList: g.ids, applicableSections: !notice ? [0] : g.ids.length ? g.ids.slice() : [-1],
      gppString: g.string, parsedSections: g.sections };
  }
  function own(o, k) {
    return o !== null && Object.prototype.hasOwnProperty.call(o, k);
  }
  // A vendor's broken callback: theirs to see, not the banner's to die of.
  function guarded(run) {
    try { run(); } catch (e) { setTimeout(function () { throw e; }); }
  }
  function gppEvent(callback, name, id, data) {
    guarded(function () { callback({ eventName: name, listenerId: id, data: data, pingData: gppPing() }, true); });
  }
  function gppFire(name, data) {
    Object.keys(gppListeners).forEach(function (id) { gppEvent(gppListeners[id], name, +id, data); });
  }
  function gppApi(command, callback, parameter) {
    if (typeof callback !== 'function') return;
    var ping = gppPing(), path = String(parameter).split('.');
    var section = own(ping.parsedSections, path[0]) ? ping.parsedSections[path[0]] : null;
    var answers = { ping: ping, hasSection: !!section, getSection: section,
      getField: own(section, path[1]) ? section[path[1]] : null };
    if (command === 'addEventListener') {
      gppListeners[++gppLastId] = callback;
      gppEvent(callback, 'listenerRegistered', gppLastId, true);
    } else if (command === 'removeEventListener') {
      gppEvent(callback, 'listenerRemoved', parameter, own(gppListeners, parameter));
      delete gppListeners[parameter];
    } else {
      callback(own(answers, command) ? answers[command] : null, own(answers, command));
    }
  }
  // After each change, in the order the API asks for: 'not ready', each section changed, 'ready'.
  function gppUpdate() {
    var g = gppPing();
    if (g.gppString === gppLast) return;
    gppLast = g.gppString;
    gppReady = false;
    gppFire('signalStatus', 'not ready');
    Object.keys(g.parsedSections).forEach(function (name) { gppFire('sectionChange', name); });
    gppReady = true;
    gppFire('signalStatus', 'ready');
    gppQueue.splice(0).forEach(function (call) { guarded(function () { gppApi.apply(null, call); }); });
  }
  // Told once the page's script settles: a banner drawn anew is neither hidden nor shown.
  function gppDisplayed() {
    Promise.resolve().then(function () {
      var now = host ? 'visible' : 'hidden';
      if (now === gppDisplay) return;
      gppDisplay = now;
      gppFire('cmpDisplayStatus', now);
    });
  }
  (function () {
    var stub = window.__gpp, free = typeof stub !== 'function';
    try {
      if (!free) stub('ping', function (p) { free = !!p && p.cmpStatus === 'stub'; });
    } catch (e) { /* not the IAB's stub, then */ }
    if (!free) return console.warn('Consent Ledger: another CMP provides window.__gpp; the banner leaves it be.');
    if (stub) {
      guarded(function () {
        gppQueue = [].concat(stub('queue') || []).filter(Array.isArray);
        [].concat(stub('events') || []).forEach(function (e) {
          if (!e || typeof e.callback !== 'function' || !(e.id > 0)) return;
          gppListeners[e.id] = e.callback;
          gppLastId = Math.max(gppLastId, e.id);
        });
      });
    }
    window.__gpp = gppApi;
    gppFire('cmpStatus', 'loaded');
  })();

  // ---- errors the site's developer must hear of: the console once, the page every time ------
  var told = {};
  function report(status, request, event, problem) {
    var origin = location.origin, fix = status === 403
      ? 'site "' + site + '" does not list this page\'s origin ' + origin + '. Fix: add "' + origin +
        '" to the site\'s origins (PUT /api/v1/admin/sites/' + site + ').'
      : status === 404 ? 'there is no site "' + site + '". Check data-site.'
      : status ? 'the server refused it (' + status + (problem && problem.detail ? ': ' + problem.detail : '') + ').'
      : 'no answer: the network is down, or the browser blocked the call (a CORS error above means this origin ' +
        'is missing from the site\'s origins).';
    var message = 'Consent Ledger: ' + request + ' failed: ' + fix;
    if (!told[status]) { told[status] = 1; console.error(message); }
    document.dispatchEvent(new CustomEvent('consentledger:error', { detail: { status: status, siteKey: site,
      origin: origin, request: request, eventId: event ? event.eventId : null, type: event ? event.type : null,
      problem: problem || null, message: message } }));
  }

  // ---- delivery: a persistent outbox, sent with keepalive, retried with the same eventId ----
  // A refused origin (403) keeps the event: once an admin adds the origin, the next page sends it.
  function drop(event) {
    write(OUTBOX, read(OUTBOX, []).filter(function (e) { return e.eventId !== event.eventId; }));
  }
  // What the answer means for the event: sent (its record returned), refused for good, or to send again.
  function delivered(event, status, answer) {
    if (status >= 200 && status < 300) {
      drop(event);
      return answer;
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      if (status !== 403) drop(event);
      report(status, 'recording ' + event.type, event, answer);
    }
    return null;
  }
  function sendJson(path, body) {
    return fetch(api + path, { method: 'POST', keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (answer) {
          return { status: r.status, answer: answer };
        });
      }, function () { return { status: 0, answer: null }; });
  }
  function post(event) {
    return sendJson('/events', event).then(function (r) { return delivered(event, r.status, r.answer); });
  }
  // Events left from earlier pages go in one request; the server answers each as it would alone.
  function postAll(events) {
    if (events.length < 2) return Promise.all(events.map(post));
    return sendJson('/events/batch', { events: events }).then(function (r) {
      var results = r.status === 200 && r.answer && r.answer.results;
      return events.map(function (event, i) {
        if (results) return delivered(event, results[i].status, results[i].event || results[i].problem);
        // The whole batch refused: for its site (403, 404) as each event would be; otherwise sent again later.
        return r.status === 403 || r.status === 404 ? delivered(event, r.status, r.answer) : null;
      });
    });
  }
  function flush() {
    var events = read(OUTBOX, []);
    return postAll(events).then(function (answers) {
      answers.forEach(function (body, i) { if (events[i].type !== 'NOTICE_SHOWN') settle(body); });
    });
  }
  // The answer to the visitor's act, with its receipt.
  function settle(body) {
    if (!body || !body.outcome) return;
    if (body.receipt) remember({ receipt: body.receipt });
    standing(body, true);
  }
  // Set without consent (the UK's analytics exemption) until the visitor objects; the notice has their texts.
  function exempt() {
    return notice && notice.exemptCategories || [];
  }
  function undecided() {
    var c = {}, free = read(STATE, {}).objected ? [] : exempt();
    (notice ? notice.categories : []).forEach(function (k) {
      c[k.key] = k.required || free.indexOf(k.key) >= 0 ? 'GRANTED' : 'DENIED';
    });
    return { decided: false, categories: c, regime: null, basis: null, eventId: null, current: false };
  }
  // What the page must honour: an act's answer, or the server's standing consent, which for a visitor
  // id linked to a signed-in person is the person's decision, maybe made on another device.
  function standing(body, current) {
    var o = body.outcome, s = read(STATE, {});
    // An opt-out made elsewhere holds here, for ad tech too.
    if (o && o.optOut && !s.optedOut) {
      remember({ optedOut: true });
      if (gppReady) gppUpdate();
    }
    var d = o ? { decided: true, categories: o.categories, regime: body.regime || (body.jurisdiction || {}).regime || null,
      basis: o.basis, eventId: body.eventId, current: current } : undecided();
    remember({ categories: d.categories, decision: d, pending: false });
    if (o || granting(s.categories).sort().join() !== granting(d.categories).sort().join()) apply(d.categories);
    if (JSON.stringify(d) !== JSON.stringify(s.decision || undecided())) {
      window.dispatchEvent(new CustomEvent('consentledger:decision', { detail: d }));
    }
  }
  function refresh() {
    return getJson(api + '/visitors/' + visitor + '/consent').then(function (c) {
      var s = read(STATE, {});
      if (!c || s.pending && read(OUTBOX, []).length) return;
      standing(c, !c.reconsentRequired);
      if (c.outcome && !c.reconsentRequired && !opened && host) { close(true); shown(null); }
    });
  }
  function send(type, categories) {
    var event = { eventId: eventUuid(), visitorId: visitor, type: type,
      documentVersionIds: notice.documents.map(function (d) { return d.id; }),
      pageUrl: location.href.slice(0, 2048), language: notice.language || navigator.language || undefined,
      clientTime: new Date().toISOString(), gpc: gpc };
    if (categories) event.categories = categories;
    if (signals().gpp) event.gppString = gppPing().gppString; // what ad tech is told from now on, this act included
    if (notice.noticeId) event.noticeId = notice.noticeId; // proof of display: the rendering this visitor saw
    write(OUTBOX, read(OUTBOX, []).concat([event]).slice(-50));
    if (type !== 'NOTICE_SHOWN') {
      remember({ noticeId: notice.noticeId, pending: true });
      shown(null);
    }
    return post(event).then(function (body) {
      if (type === 'NOTICE_SHOWN') return;
      // An implied act never overrides an explicit one, maybe the person's on another device: ask what stands.
      if (body && (type === 'BANNER_CLOSED' || type === 'BROWSING_CONTINUED')) {
        remember(body.receipt ? { pending: false, receipt: body.receipt } : { pending: false });
        return refresh();
      }
      settle(body);
    });
  }

  // ---- the banner --------------------------------------------------------------------------
  // English built-ins; the server's notice.texts (in the visitor's language) win key by key.
  var EN = {
    heading: 'Privacy and cookies',
    bodyExplicit: 'We use optional cookies only with your consent. Choose which ones you allow; you can change or withdraw your choice at any time.',
    bodyImplied: 'By using this site you accept the documents below. You can change your choices at any time.',
    bodyOptOut: 'This site uses cookies as the documents below describe. You may opt out of the sale or sharing of your personal information.',
    acceptAll: 'Accept all', rejectAll: 'Reject all', choose: 'Choose', manageChoices: 'Manage choices',
    saveChoices: 'Save choices', withdraw: 'Withdraw consent', close: 'Close', categoriesLegend: 'Categories',
    alwaysOn: 'always on', gpcRespected: 'Your browser sends a Global Privacy Control signal; it is respected.',
    optOut: 'Do Not Sell or Share My Personal Information',
    optedOut: 'You opted out of the sale or sharing of your personal information.',
    receiptDownload: 'Download my consent receipt', documentsIntro: 'Documents:',
    withdrawn: 'Your consent is withdrawn. From now on only necessary cookies are used.'
  };
  function t(key) {
    var x = notice && notice.texts;
    return x && typeof x[key] === 'string' && x[key] ? x[key] : EN[key];
  }
  var CSS = ':host{all:initial!important;display:block!important;position:fixed!important;left:0!important;' +
    'right:0!important;bottom:0!important;z-index:2147483646!important}' +
    '*{box-sizing:border-box;margin:0;padding:0}' +
    '.b{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;' +
    'border-top:1px solid #c7c7c7;box-shadow:0 -4px 24px rgba(0,0,0,.12);max-height:100vh;overflow:auto;' +
    'animation:u .25s ease-out}.b:focus{outline:none}@keyframes u{from{transform:translateY(100%)}}' +
    '.w{max-width:960px;margin:0 auto;padding:16px 24px 0;position:relative}' +
    'h2{font-size:17px;line-height:1.3;margin:0 40px 4px 0}p{margin:0 0 8px}' +
    '.o{display:flex;flex-wrap:wrap;gap:0 12px;margin:0 0 8px}ul{display:contents;list-style:none}' +
    'a{color:#1d4ed8;text-decoration:underline}.n{color:#4a4a4a;font-size:13px}.s{font-weight:600}' +
    '.x{position:absolute;top:8px;right:12px;width:40px;height:40px;border:0;border-radius:50%;background:none;' +
    'font-size:26px;line-height:1;color:#1a1a1a;cursor:pointer}.x:hover{background:#eee}' +
    '.r{position:sticky;bottom:0;background:#fff;display:flex;flex-wrap:wrap;gap:8px;padding:4px 0 16px}' +
    '.r button{flex:1 1 auto;min-height:44px;padding:6px 12px;font:inherit;font-weight:600;color:#fff;' +
    'background:#1e3a8a;border:2px solid #1e3a8a;border-radius:6px;cursor:pointer}.r button:hover{background:#172c6b}' +
    '.r .alt{color:#1e3a8a;background:#fff}.r .alt:hover{background:#eef2ff}' +
    '[data-view=first]:not([data-mode=EXPLICIT]) .r button{flex:0 1 auto}' +
    'button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}' +
    'fieldset{border:1px solid #c7c7c7;border-radius:6px;padding:2px 12px 4px;margin:0 0 8px;display:flex;' +
    'flex-wrap:wrap;gap:0 24px}legend{font-weight:600;padding:0 4px}' +
    'label{display:flex;gap:8px;align-items:center;min-height:32px}' +
    'input{width:20px;height:20px;flex:none;accent-color:#1e3a8a}.d{margin:0 0 12px}' +
    '@media (max-width:480px){.b{font-size:14px}.w{padding:12px 12px 0}h2{font-size:16px}.r{padding-bottom:12px}' +
    '.r button{padding:6px 8px}.x{top:4px;right:4px}}' +
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
  function button(key, action, cls) {
    return el('button', { type: 'button', 'class': cls || '', 'data-action': action, text: t(key), on: act(action) });
  }

  // Views: 'first' (the notice as first shown), 'choose' (per category: after Choose or Manage
  // choices, and when the visitor re-opens it), 'done' (a withdrawal, confirmed).
  function render(view) {
    close(true);
    var s = read(STATE, {}), mode = notice.mode;
    var optional = granted(s.categories).some(function (k) { return k !== 'necessary'; });
    var row = view === 'done' ? [button('close', 'close')]
      : view === 'choose' ? [opened && optional ? button('withdraw', 'withdraw', 'alt') : button('rejectAll', 'reject'),
        button('saveChoices', 'save'), button('acceptAll', 'accept')]
      : mode === 'EXPLICIT' ? [button('rejectAll', 'reject'), button('choose', 'choose'), button('acceptAll', 'accept')]
      : [button('manageChoices', 'choose')];
    var docs = notice.documents.map(function (d) {
      return el('li', {}, [el('a', { href: d.url, target: '_blank', rel: 'noopener', text: d.title }),
        document.createTextNode(' (' + d.version + ')')]);
    });
    var addenda = notice.documents.filter(function (d) { return d.eeaAddendum; })
      .map(function (d) { return d.eeaAddendum; }).join(' ');
    var optOut = mode !== 'OPT_OUT' || view === 'done' ? null : s.optedOut
      ? el('p', { 'class': 's', role: 'status', text: t('optedOut') })
      : el('p', {}, [el('a', { href: '#', 'data-action': 'optout', text: t('optOut'), on: act('optout') })]);
    var objection = !exempt().length || view === 'done' ? null : s.objected
      ? el('p', { 'class': 's', role: 'status', text: t('objectedAnalytics') })
      : el('p', {}, [document.createTextNode(t('exemptAnalytics') + ' '),
        el('a', { href: '#', 'data-action': 'object', text: t('objectAnalytics'), on: act('object') })]);
    var receipt = opened && s.receipt && view !== 'done' ? el('p', { 'class': 'n d' }, [el('a', { 'data-action': 'receipt',
      href: 'data:application/json;charset=utf-8,' + encodeURIComponent(JSON.stringify(s.receipt, null, 2)),
      download: 'consent-receipt-' + s.receipt.event.eventId + '.json', text: t('receiptDownload') })]) : null;
    host = el('consent-ledger-banner');
    root = host.attachShadow({ mode: 'open' });
    if (root.adoptedStyleSheets && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el('style', { text: CSS }));
    }
    var body = view === 'done' ? el('p', { id: 'cl-d', 'class': 's', role: 'status', text: t('withdrawn') })
      : el('p', { id: 'cl-d', text: t({ IMPLIED: 'bodyImplied', OPT_OUT: 'bodyOptOut' }[mode] || 'bodyExplicit') });
    var section = el('section', { 'class': 'b', role: 'dialog', tabindex: '-1', 'aria-modal': 'false',
      'aria-labelledby': 'cl-t', 'aria-describedby': 'cl-d', 'data-mode': mode, 'data-view': view }, [
      el('div', { 'class': 'w' }, [
        el('h2', { id: 'cl-t', text: t('heading') }), body,
        view === 'done' ? null : el('div', { 'class': 'o' }, [el('span', { text: t('documentsIntro') }), el('ul', {}, docs)]),
        addenda && view !== 'done' ? el('p', { 'class': 'n', text: addenda }) : null,
        gpc && view !== 'done' ? el('p', { 'class': 'n', text: t('gpcRespected') }) : null,
        optOut,
        objection,
        view === 'choose' ? categories(s) : null,
        el('div', { 'class': 'r' }, row),
        receipt,
        view === 'done' ? null : button('close', 'close', 'x')])]);
    if (notice.language) section.setAttribute('lang', notice.language);
    root.appendChild(section);
    var x = root.querySelector('.x');
    if (x) { x.textContent = '\u00d7'; x.setAttribute('aria-label', t('close')); }
    section.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') act('close')();
    });
    document.body.insertBefore(host, document.body.firstChild);
    gppDisplayed();
    // The dialog itself takes focus, not a button, which would look chosen in advance.
    if (opened || view !== 'first' || mode === 'EXPLICIT') section.focus({ preventScroll: true });
  }

  function categories(s) {
    var on = granted(s.categories);
    return el('fieldset', {}, [el('legend', { text: t('categoriesLegend') })].concat(notice.categories.map(function (c) {
      var box = el('input', { type: 'checkbox', name: c.key });
      box.checked = c.required || on.indexOf(c.key) >= 0;
      box.disabled = c.required;
      return el('label', {}, [box, document.createTextNode(label(c.key) + (c.required ? ' (' + t('alwaysOn') + ')' : ''))]);
    })));
  }

  function act(action) {
    return function (e) {
      if (e && e.preventDefault) e.preventDefault();
      if (action === 'choose') {
        render('choose');
        var box = root.querySelector('input:not([disabled])');
        return box && box.focus();
      }
      if (action === 'close' && opened) return close();
      var type = { accept: 'ACCEPT_ALL', reject: 'REJECT_ALL', save: 'PREFERENCES_SAVED', withdraw: 'WITHDRAWN',
        close: 'BANNER_CLOSED', optout: 'OPTED_OUT', object: 'OPTED_OUT' }[action];
      var chosen = action !== 'save' ? null : Array.prototype.filter.call(root.querySelectorAll('input'),
        function (i) { return i.checked && !i.disabled; }).map(function (i) { return i.name; });
      if (action === 'optout') {
        remember({ optedOut: true });
        gppUpdate();
      }
      if (action === 'object') remember({ objected: true });
      var view = root && root.querySelector('section').getAttribute('data-view');
      var confirmed = action === 'withdraw' || action === 'optout' || action === 'object';
      close(confirmed);
      send(type, chosen);
      // Withdrawing, opting out and objecting say so; the visitor closes the confirmation.
      if (confirmed) {
        opened = true;
        render(action === 'withdraw' ? 'done' : view);
      }
    };
  }

  function close(keepFocus) {
    if (!host) return;
    host.remove();
    host = root = null;
    gppDisplayed();
    if (!keepFocus && lastFocus && lastFocus.focus) lastFocus.focus();
  }

  // Outside the EEA, using the site while the notice is up is recorded once as BROWSING_CONTINUED.
  function watchBrowsing() {
    shown(notice.noticeId + ' ' + location.pathname + location.search);
    if (listening) return;
    listening = true;
    document.addEventListener('click', function (e) {
      if (!host || opened || e.composedPath().indexOf(host) >= 0) return;
      if (e.target.closest && e.target.closest('[data-consentledger-open]')) return;
      close(true);
      send('BROWSING_CONTINUED');
    }, true);
  }

  function implied() {
    return notice.mode === 'IMPLIED' || notice.mode === 'OPT_OUT';
  }

  function show() {
    opened = false;
    render('first');
    if (implied()) watchBrowsing();
    send('NOTICE_SHOWN');
  }

  function open() {
    lastFocus = document.activeElement;
    opened = true;
    if (notice) render('choose');
  }

  function getJson(url, request) {
    return fetch(url, { credentials: 'omit' }).then(function (r) {
      if (r.ok) return r.json();
      if (!request || r.status === 429 || r.status >= 500) return null;
      return r.json().catch(function () { return null; }).then(function (p) { report(r.status, request, null, p); return null; });
    }, function () {
      if (request && navigator.onLine !== false) report(0, request);
      return null;
    });
  }

  function start() {
    var stored = read(STATE, {});
    apply(stored.categories);
    document.addEventListener('click', function (e) {
      var t = e.target.closest && e.target.closest('[data-consentledger-open]');
      if (t) { e.preventDefault(); open(); }
    });
    return Promise.all([getJson(api + '/notice' + (lang ? '?lang=' + encodeURIComponent(lang) : ''), 'loading the notice'), flush()]).then(function (r) {
      notice = r[0];
      if (!notice) return null;
      noticed();
      return getJson(api + '/visitors/' + visitor + '/consent').then(decide);
    });
  }

  function noticed() {
    remember({ signals: notice.signals || null });
    if (notice.mode === 'EXPLICIT' && uetq() && !(read(STATE, {}).decision || {}).decided) {
      uetq().push('consent', 'default', { ad_storage: 'denied' });
    }
  }

  // GPC under OPT_OUT: an opt-out, recorded once.
  // Exempt categories only once the server knows no decision.
  function decide(consent) {
    var optOut = notice.mode === 'OPT_OUT' && gpc && !read(STATE, {}).gpcOptedOut;
    if (optOut) remember({ optedOut: true, gpcOptedOut: true });
    if (exempt().length && consent && !consent.outcome && !(read(STATE, {}).decision || {}).decided) {
      var free = undecided().categories;
      remember({ categories: free });
      apply(free);
    }
    var shownOrSent = showOrNot(consent);
    gppUpdate(); // ready once the decision is known
    return optOut ? send('OPTED_OUT') : shownOrSent;
  }

  function showOrNot(consent) {
    var s = read(STATE, {}), same = s.noticeId === notice.noticeId;
    var was = shown().split(' ');
    if (implied() && was[0] === notice.noticeId && was[1] !== location.pathname + location.search) {
      return send('BROWSING_CONTINUED');
    }
    if (same && s.pending && read(OUTBOX, []).length > 0) return null; // our choice has not reached the server yet
    if (consent) standing(consent, !consent.reconsentRequired);
    if (consent && !consent.reconsentRequired) {
      remember({ noticeId: notice.noticeId });
    } else if (consent || !same || was[0]) {
      show();
    }
    return null;
  }

  window.addEventListener('online', flush);
  // Back on the page: a choice made meanwhile on another of the person's devices may stand now.
  document.addEventListener('visibilitychange', function () {
    if (notice && document.visibilityState === 'visible') refresh();
  });
  window.ConsentLedger = {
    open: open,
    visitorId: visitor,
    decision: function () { return read(STATE, {}).decision || undecided(); },
    receipt: function () { return read(STATE, {}).receipt || null; },
    granted: function () { return granted(read(STATE, {}).categories).concat(['necessary']).filter(function (k, i, a) { return a.indexOf(k) === i; }); },
    ready: new Promise(function (done) {
      var go = function () { start().then(done, done); };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go); else go();
    })
  };
})();
