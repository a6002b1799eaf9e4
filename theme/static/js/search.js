// The search page's UI on Pagefind's JavaScript API (https://pagefind.app/docs/api/), run
// under the page's own Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval', nothing
// inline. Pagefind runs in this page (noWorker: a worker would get the site-wide policy, which
// refuses WebAssembly). Results are built with DOM calls; an excerpt keeps only its text and
// Pagefind's <mark> highlights. When Pagefind cannot load (no WebAssembly, a copy opened from
// a file), the form stays hidden and the page says so above its links to every text.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  var script = document.currentScript;
  if (!root || !script) return;
  var form = root.querySelector("form.search-form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var languageSelect = form.querySelector("select[name=language]");
  var filterSelects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var here = (document.documentElement.getAttribute("lang") || "").toLowerCase();
  // The site's root, from this script's own (absolute) URL: works on any host, in any folder.
  var staticPath = script.getAttribute("data-static-path") || "";
  var siteRoot = script.src.slice(0, script.src.length - staticPath.length);
  var bundle = siteRoot + "pagefind/";
  // A mirror build names files (".../index.html") instead of folders.
  var fileUrls = root.getAttribute("data-file-urls") === "yes";
  var PAGE = 20;
  // A profile's "names" metadata (every form of the person's name, plugins/site_search) counts
  // more than a title: any spelling of a name ranks the person's profile first.
  var RANKING = {metaWeights: {title: 5.0, names: 10.0}};
  var pagefind = null;
  var widened = null;
  var searchId = 0;
  var timer = null;

  function msg(name) { return root.getAttribute("data-msg-" + name) || ""; }

  var nojs = document.querySelector(".search-nojs");
  if (nojs) nojs.hidden = true;

  function fail(error) {
    form.hidden = true;
    while (list.firstChild) list.removeChild(list.firstChild);
    status.textContent = msg("failed");
    root.classList.add("search-failed");
    if (error && window.console) window.console.warn("search unavailable:", String(error));
  }

  function labelOf(select, value) {
    if (!select) return value;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return select.options[i].textContent;
    }
    return value;
  }

  function pageUrl(url) {
    // Pagefind gives site-relative URLs ("/ru/articles/x/"); anything else is not followed.
    if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/") return "#";
    var path = url.slice(1);
    if (fileUrls && (path === "" || path.slice(-1) === "/")) path += "index.html";
    return siteRoot + path;
  }

  function appendExcerpt(into, html) {
    var parsed = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    var holder = parsed.body.firstChild;
    if (!holder) return;
    Array.prototype.forEach.call(holder.childNodes, function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function first(values) { return values && values.length ? values[0] : ""; }

  function item(data) {
    var li = document.createElement("li");
    var lang = first(data.filters && data.filters.language);
    var title = document.createElement("h2");
    title.className = "search-result-title";
    var link = document.createElement("a");
    link.href = pageUrl(data.url);
    link.textContent = (data.meta && data.meta.title) || data.url;
    if (lang) link.lang = lang;
    title.appendChild(link);
    li.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "meta search-result-kind";
    var category = first(data.filters && data.filters.category);
    var parts = [];
    if (category) parts.push(labelOf(form.querySelector("select[name=category]"), category));
    if (lang && lang !== here) parts.push(labelOf(languageSelect, lang));
    meta.textContent = parts.join(" · ");
    li.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    if (lang) excerpt.lang = lang;
    if (data.meta && data.meta.description) excerpt.textContent = data.meta.description;
    else appendExcerpt(excerpt, data.excerpt);
    li.appendChild(excerpt);
    return li;
  }

  function showFrom(results, start, id) {
    var old = root.querySelector(".search-more");
    if (old) old.parentNode.removeChild(old);
    var slice = results.slice(start, start + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (datas) {
      if (id !== searchId) return;
      datas.forEach(function (d) { list.appendChild(item(d)); });
      if (results.length > start + PAGE) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = msg("more");
        more.addEventListener("click", function () {
          showFrom(results, start + PAGE, id).catch(fail);
        });
        list.parentNode.insertBefore(more, list.nextSibling);
      }
    });
  }

  function widen() {
    // Every other language's index, merged into this page's search (same bundle; the
    // absolute URL keeps Pagefind from taking it for the primary index).
    if (!widened) {
      var others = Array.prototype.map.call(languageSelect.options, function (o) {
        return o.value;
      }).filter(function (v) { return v && v !== "all" && v !== here; });
      widened = Promise.all(others.map(function (lang) {
        return pagefind.mergeIndex(new URL(bundle, location.href).href,
                                   {language: lang, baseUrl: "/", ranking: RANKING});
      }));
    }
    return widened;
  }

  function state() {
    var params = new URLSearchParams();
    var term = input.value.trim();
    if (term) params.set("q", term);
    if (languageSelect.value) params.set("language", languageSelect.value);
    var filters = {};
    filterSelects.forEach(function (select) {
      if (select.value) {
        filters[select.getAttribute("data-filter")] = select.value;
        params.set(select.name, select.value);
      }
    });
    var language = languageSelect.value;
    if (!language) filters.language = here;
    else if (language !== "all") filters.language = language;
    return {term: term, filters: filters, params: params,
            narrowed: filterSelects.some(function (s) { return s.value; }),
            widen: Boolean(language)};
  }

  function run() {
    var now = state();
    var query = now.params.toString();
    if (window.history && window.history.replaceState && location.protocol !== "file:") {
      window.history.replaceState(null, "", query ? "?" + query : location.pathname);
    }
    var id = ++searchId;
    if (!now.term && !now.narrowed) {
      while (list.firstChild) list.removeChild(list.firstChild);
      var more = root.querySelector(".search-more");
      if (more) more.parentNode.removeChild(more);
      status.textContent = "";
      return Promise.resolve();
    }
    return (now.widen ? widen() : Promise.resolve()).then(function () {
      return pagefind.search(now.term || null, {filters: now.filters});
    }).then(function (found) {
      if (id !== searchId || !found) return;
      while (list.firstChild) list.removeChild(list.firstChild);
      var results = found.results || [];
      // The count is announced once the first results are on the page.
      return showFrom(results, 0, id).then(function () {
        if (id !== searchId) return;
        status.textContent = results.length
          ? msg("found").replace("{count}", String(results.length)) : msg("none");
      });
    });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run().catch(fail); }, 250);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (params.get("language")) languageSelect.value = params.get("language");
  filterSelects.forEach(function (select) {
    if (params.get(select.name)) select.value = params.get(select.name);
  });
  status.textContent = msg("loading");

  var loading = import(bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({baseUrl: "/", noWorker: true, excerptLength: 24,
                             ranking: RANKING});
  }).then(function () {
    return pagefind.init();
  }).then(function () {
    return pagefind.filters();  // refused WebAssembly or a missing index fails here
  });
  var patienceTimer = null;
  var patience = new Promise(function (_resolve, reject) {
    patienceTimer = window.setTimeout(function () { reject(new Error("timed out")); }, 20000);
  });
  Promise.race([loading, patience]).then(function () {
    window.clearTimeout(patienceTimer);
    form.hidden = false;
    status.textContent = "";
    root.classList.add("search-ready");
    input.addEventListener("input", soon);
    filterSelects.concat([languageSelect]).forEach(function (select) {
      select.addEventListener("change", function () { run().catch(fail); });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run().catch(fail);
    });
    return run();
  }).catch(fail);
})();
