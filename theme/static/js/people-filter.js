// Adds a name filter to the prisoners index. Without JavaScript the page is already usable:
// every group is a section reachable from the table of contents.
(function () {
  "use strict";
  var root = document.querySelector(".people-filter");
  if (!root) return;
  var label = document.createElement("label");
  label.className = "filter-label";
  label.textContent = root.getAttribute("data-filter-label") + " ";
  var input = document.createElement("input");
  input.type = "search";
  input.autocomplete = "off";
  label.appendChild(input);
  var empty = document.createElement("p");
  empty.className = "empty";
  empty.hidden = true;
  empty.textContent = root.getAttribute("data-filter-empty");
  root.parentNode.insertBefore(label, root);
  root.parentNode.insertBefore(empty, root);
  var items = Array.prototype.slice.call(root.querySelectorAll("li[data-names]"));
  // Case and accents do not matter (Alexeï = Alexei, Ё = Е); Latin and Cyrillic spellings
  // are all in data-names, from the registry.
  var norm = function (s) {
    return s.normalize("NFD").replace(/[\u0300-\u0302\u0304-\u0305\u0308\u030c]/g, "")
      .toLowerCase().replace(/ё/g, "е");
  };
  input.addEventListener("input", function () {
    var q = norm(input.value.trim());
    var shown = 0;
    items.forEach(function (li) {
      var hit = !q || norm(li.getAttribute("data-names")).indexOf(q) !== -1;
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    // Every group (status sections, "By case" and each case in it) without a match is hidden
    // while a name is typed; an empty query shows everything again.
    root.querySelectorAll(".people-group").forEach(function (group) {
      group.hidden = q !== "" && !group.querySelector("li[data-names]:not([hidden])");
    });
    empty.hidden = shown !== 0;
  });
})();
