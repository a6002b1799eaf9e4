// Development only: `make serve` (tools/dev_server.py) adds this file to the pages it serves;
// it is never written into a built site. It asks the dev server which pages were rewritten
// since this page was served and reloads the tab when this page is one of them.
(function () {
  "use strict";
  var script = document.currentScript;
  var since = Number(script && script.dataset.version) || 0;
  var here = decodeURIComponent(location.pathname);

  function poll() {
    fetch("/__dev__/changes?since=" + since, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.paths.indexOf(here) !== -1 || state.paths.indexOf("*") !== -1) {
          location.reload();
          return;
        }
        since = state.version;
        setTimeout(poll, 200);
      })
      .catch(function () { setTimeout(poll, 1000); }); // the server restarts: try again
  }
  setTimeout(poll, 200);
})();
