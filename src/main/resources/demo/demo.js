// The Daily Demo's own script. A plain script in <head>, so it runs before the deferred banner.js;
// no inline code anywhere, so the pages work under a CSP that forbids inline scripts.

// Google Consent Mode: everything denied until the banner says otherwise.
window.dataLayer = window.dataLayer || [];
window.gtag = function () { window.dataLayer.push(arguments); };
window.gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });

// The demo bar: "pretend to be a visitor from…". A real site sits behind a CDN that tells the
// service where the visitor is with trusted headers; here the page plays that edge. The service
// names its headers on <html> (data-country-header, data-region-header, from consent.geo.*).
(function () {
  'use strict';
  var PLACE_KEY = 'demo:place';
  var PLACES = {
    DE: { country: 'DE' }, FR: { country: 'FR' }, GB: { country: 'GB' }, CH: { country: 'CH' }, BR: { country: 'BR' },
    'US-CA': { country: 'US', region: 'US-CA' }, 'US-TX': { country: 'US', region: 'US-TX' }, JP: { country: 'JP' }
  };
  var root = document.documentElement;
  var countryHeader = root.getAttribute('data-country-header');
  var regionHeader = root.getAttribute('data-region-header');

  function storedPlace() {
    try {
      var p = localStorage.getItem(PLACE_KEY);
      return Object.prototype.hasOwnProperty.call(PLACES, p) ? p : '';
    } catch (e) { return ''; }
  }

  // "Unknown" sends no header at all, as an edge that cannot place the visitor.
  var place = PLACES[storedPlace()];
  var headers = {};
  if (place && countryHeader) headers[countryHeader] = place.country;
  if (place && place.region && regionHeader) headers[regionHeader] = place.region;

  // Adds the headers to the banner's same-origin calls to /api/v1/sites/..., as the edge would.
  var originalFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin || url.pathname.indexOf('/api/v1/sites/') !== 0) {
      return originalFetch.apply(this, arguments);
    }
    var h = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    Object.keys(headers).forEach(function (name) { h.set(name, headers[name]); });
    var answer = originalFetch.call(this, input, Object.assign({}, init, { headers: h }));
    if (/\/notice$/.test(url.pathname)) {
      answer.then(function (r) { if (r.ok) r.clone().json().then(showAnswer, function () {}); }, function () {});
    }
    return answer;
  };

  // What the service made of it: shown in the bar, so the regime is not a guess.
  function showAnswer(notice) {
    var out = document.getElementById('demo-answer');
    if (!out) return;
    var j = notice.jurisdiction || {};
    var parts = ['country ' + (j.country || 'unknown')];
    if (j.region) parts.push('region ' + j.region);
    if (notice.regime) parts.push('regime ' + notice.regime);
    parts.push('mode ' + notice.mode, 'language ' + notice.language);
    out.textContent = 'The service answered: ' + parts.join(' · ');
  }

  // A clean first visit: forget the banner's stored state (localStorage and sessionStorage keys
  // "consentledger:…") and the visitor id cookie, so the new place's banner shows at once.
  function forgetBannerState() {
    [window.localStorage, window.sessionStorage].forEach(function (store) {
      try {
        for (var i = store.length - 1; i >= 0; i--) {
          var key = store.key(i);
          if (key && key.indexOf('consentledger:') === 0) store.removeItem(key);
        }
      } catch (e) { /* storage blocked */ }
    });
    document.cookie = 'consentledger_vid=; Max-Age=0; Path=/; SameSite=Lax';
    var tag = document.querySelector('script[data-site]');
    var domain = tag && tag.getAttribute('data-cookie-domain');
    if (domain) document.cookie = 'consentledger_vid=; Max-Age=0; Path=/; SameSite=Lax; Domain=' + domain;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var placeSelect = document.getElementById('demo-place');
    var langSelect = document.getElementById('demo-lang');
    var tag = document.querySelector('script[data-site]');
    if (!placeSelect || !langSelect) return;
    placeSelect.value = storedPlace();
    langSelect.value = (tag && tag.getAttribute('data-lang')) || '';
    if (!countryHeader) {
      placeSelect.disabled = true;
      placeSelect.title = 'The service has no country header (consent.geo.country-header): run it with the local profile.';
    }

    placeSelect.addEventListener('change', function () {
      try {
        if (placeSelect.value) localStorage.setItem(PLACE_KEY, placeSelect.value); else localStorage.removeItem(PLACE_KEY);
      } catch (e) { /* storage blocked: the choice lasts for no page */ }
      forgetBannerState();
      location.reload();
    });
    langSelect.addEventListener('change', function () {
      var url = new URL(location.href);
      if (langSelect.value) url.searchParams.set('lang', langSelect.value); else url.searchParams.delete('lang');
      forgetBannerState();
      location.assign(url.href);
    });

    var button = document.getElementById('page-button');
    button.addEventListener('click', function () { document.getElementById('page-button-note').hidden = false; });
  });

  // The bar is the demo's own control, not the site: using it is not "continuing to browse".
  window.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('#demo-switcher')) e.stopPropagation();
  }, true);

  // Show what ad tech reads: the IAB GPP signal the banner gives this page, as __gpp('ping') answers it.
  function showGpp() {
    window.__gpp('ping', function (p) {
      document.getElementById('gpp-status').textContent = 'GPP sections [' + p.applicableSections.join(', ') + ']'
        + (p.applicableSections[0] === -1 ? '' : ': ' + p.gppString);
    });
  }
  window.addEventListener('load', function () {
    if (!window.ConsentLedger) return;
    window.ConsentLedger.ready.then(function () {
      if (typeof window.__gpp !== 'function') return;
      showGpp();
      window.__gpp('addEventListener', function (e) {
        if (e.eventName === 'signalStatus' && e.data === 'ready') showGpp();
      });
    });
  });

  // Show what the banner reports to the page. Analytics says "running" itself once its script has
  // run; a withdrawal turns it off at once, not on the next page.
  document.addEventListener('consentledger:change', function (e) {
    document.getElementById('granted').textContent = e.detail.granted.join(', ');
    var analytics = e.detail.granted.indexOf('analytics') >= 0;
    if (!analytics || window.demoAnalyticsRuns) {
      document.getElementById('analytics-status').textContent = analytics ? 'Analytics is running.' : 'Analytics is off.';
    }
  });
})();
