/* The IAB's standard __gpp stub (GPP CMP API 1.1), written afresh for test pages, which put it before
 * banner.js as a site would. It behaves as the IAB's published stub:
 * - __gpp('queue') (or no arguments) answers the queued calls, each the array of its arguments, and
 *   __gpp('events') the registered listeners, each {id, callback, parameter};
 * - 'ping' is answered at once, cmpStatus 'stub';
 * - 'addEventListener' registers the listener (ids 1, 2, ...) and answers 'listenerRegistered';
 *   'removeEventListener' removes one and answers 'listenerRemoved';
 * - 'hasSection' is answered false and 'getSection' and 'getField' null, at once: the API must not queue them;
 * - every other command is queued for the CMP;
 * - calls from frames (postMessage {__gppCall}) are relayed and answered {__gppReturn}, and a hidden frame
 *   named __gppLocator tells frames that this window answers them.
 * A page that already has a __gpp function keeps it. */
(function () {
  if (typeof window.__gpp === 'function') return;
  var LOCATOR = '__gppLocator';

  function stubPing() {
    return { gppVersion: '1.1', cmpStatus: 'stub', cmpDisplayStatus: 'hidden', signalStatus: 'not ready',
      supportedAPIs: [], cmpId: 0, sectionList: [], applicableSections: [-1], gppString: '', parsedSections: {} };
  }

  function stub(command, callback, parameter) {
    var self = window.__gpp, queue = self.queue = self.queue || [], events = self.events = self.events || [];
    if (!arguments.length || arguments.length === 1 && command === 'queue') return queue;
    if (arguments.length === 1 && command === 'events') return events;
    if (command === 'ping') {
      callback(stubPing(), true);
    } else if (command === 'addEventListener') {
      self.lastId = (self.lastId || 0) + 1;
      events.push({ id: self.lastId, callback: callback, parameter: parameter });
      callback({ eventName: 'listenerRegistered', listenerId: self.lastId, data: true, pingData: stubPing() }, true);
    } else if (command === 'removeEventListener') {
      var removed = false;
      for (var i = 0; i < events.length && !removed; i++) {
        if (events[i].id == parameter) { // loosely: a frame may send the id as a string
          events.splice(i, 1);
          removed = true;
        }
      }
      callback({ eventName: 'listenerRemoved', listenerId: parameter, data: removed, pingData: stubPing() }, true);
    } else if (command === 'hasSection') {
      callback(false, true);
    } else if (command === 'getSection' || command === 'getField') {
      callback(null, true);
    } else {
      queue.push(Array.prototype.slice.call(arguments));
    }
  }

  function relay(event) {
    var asText = typeof event.data === 'string', message = null;
    try { message = asText ? JSON.parse(event.data) : event.data; } catch (e) { /* not for us */ }
    var call = message && typeof message === 'object' ? message.__gppCall : null;
    if (!call) return;
    window.__gpp(call.command, function (returnValue, success) {
      var answer = { __gppReturn: { returnValue: returnValue, success: success, callId: call.callId } };
      event.source.postMessage(asText ? JSON.stringify(answer) : answer, '*');
    }, 'parameter' in call ? call.parameter : null, 'version' in call ? call.version : '1.1');
  }

  function addLocator() {
    if (window.frames[LOCATOR]) return;
    if (!document.body) return setTimeout(addLocator, 10);
    var frame = document.createElement('iframe');
    frame.style.cssText = 'display:none';
    frame.name = LOCATOR;
    document.body.appendChild(frame);
  }

  window.__gpp = stub;
  window.addEventListener('message', relay, false);
  addLocator();
})();
