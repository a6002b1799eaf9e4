// Shows the header's search field where JavaScript runs (without JavaScript the search page
// could only offer links, so the field stays hidden). A copy opened from a file cannot search
// (Chromium refuses WebAssembly and module scripts over file://): the field stays hidden there.
(function () {
  "use strict";
  if (location.protocol === "file:") return;
  var forms = document.querySelectorAll("form.site-search[hidden]");
  for (var i = 0; i < forms.length; i++) forms[i].hidden = false;
})();
