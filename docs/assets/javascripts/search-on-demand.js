/* Load search only when a visitor starts to search.
 *
 * The theme asks for search/search_index.json and starts its search worker as soon as a
 * page opens. Most visitors never search, so this holds both back until the search box
 * gets focus (by click, tap or keyboard shortcut), or the page was opened from a search
 * result. Every other request goes ahead untouched. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$|\/search\.json$/;  // MkDocs, Zensical
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var started = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndexRequest && !started) {
      waiting.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function start() {
    if (started) return;
    started = true;
    waiting.forEach(function (request) { send.apply(request[0], request[1]); });
    waiting = [];
  }

  /* The worker script is fetched only when the theme first sends it work, which it does
   * once the index has arrived. */
  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    var target = new EventTarget();
    var worker = null;
    target.postMessage = function (message) {
      if (!worker) {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (event) {
          target.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        worker.addEventListener("error", function () {
          target.dispatchEvent(new Event("error"));
        });
      }
      worker.postMessage(message);
    };
    target.terminate = function () { if (worker) worker.terminate(); };
    return target;
  }
  window.Worker = function (url, options) {
    return /\/workers\/search\.[^/]*\.js$/.test(String(url))
      ? LazyWorker(url, options)
      : new RealWorker(url, options);
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) start();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("label[for='__search']")) start();
  });
  if (new URLSearchParams(location.search).has("h")) start();
})();
