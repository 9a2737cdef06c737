/* Quieter citations and tables on a phone, for visitors with JavaScript.
 *
 * - A run of citation numbers, [1][2][3], becomes one marker, [1-3].
 * - A tap or Enter on a citation opens its references in place, under the paragraph,
 *   instead of jumping to the list at the foot of the page; Escape or "Close" shuts them.
 * - Table cells get the name of their column, so that a table shown as stacked cards on a
 *   narrow screen still says what each line is.
 * - A tap or Enter on a glossary word shows its meaning in place, with a link to the
 *   glossary, instead of leaving the page.
 * - A link to something inside a folded section (a source, a glossary word) opens it.
 * - The closed menu drawer and the headings' link anchors leave the keyboard's path, and
 *   the search dialog gets a name for screen readers.
 * Without JavaScript the page works as before: each number links to its reference. */
(function () {
  "use strict";

  function isCitation(node) {
    return node && node.nodeType === 1 && node.matches('sup[id^="fnref"]');
  }

  function isMore(node) {
    return node && node.nodeType === 1 && node.matches("span.cite-more");
  }

  // The next citation of the same run: the run's later numbers come in a span.cite-more,
  // hidden until this script shows the run as one marker (so the page does not move).
  function nextCitation(node) {
    for (var at = node; at; at = at.parentNode) {
      var next = at.nextSibling;
      while (next && next.nodeType === 3 && !next.textContent.trim()) next = next.nextSibling;
      if (isMore(next)) next = next.firstElementChild;
      if (next) return isCitation(next) ? next : null;
      if (!isMore(at.parentNode)) return null;
    }
    return null;
  }

  function label(numbers) {
    var consecutive = numbers.every(function (n, i) { return i === 0 || n === numbers[i - 1] + 1; });
    return consecutive && numbers.length > 2
      ? numbers[0] + "\u2013" + numbers[numbers.length - 1]
      : numbers.join(", ");
  }

  function footnoteId(sup) {
    var link = sup.querySelector("a");
    return link ? decodeURIComponent(link.getAttribute("href").slice(1)) : null;
  }

  var open = null;

  function close() {
    if (!open) return;
    open.popover.remove();
    open.marker.setAttribute("aria-expanded", "false");
    open.marker.focus();
    open = null;
  }

  function place(marker, popover) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Close";
    button.addEventListener("click", close);
    popover.appendChild(button);
    var block = marker.closest("p, li, td, dd") || marker.parentNode;
    block.insertAdjacentElement(block.tagName === "LI" ? "beforeend" : "afterend", popover);
    marker.setAttribute("aria-expanded", "true");
    open = { marker: marker, popover: popover };
    popover.focus({ preventScroll: true });
    popover.scrollIntoView({ block: "nearest" });
  }

  function defineInPlace(term) {
    var meaning = term.getAttribute("title");
    if (!meaning) return;
    term.setAttribute("aria-expanded", "false");
    term.addEventListener("click", function (event) {
      event.preventDefault();
      var popover = toggle(term, "cite-popover term-popover", "Meaning of " + term.textContent);
      if (!popover) return;
      var text = document.createElement("p");
      var word = document.createElement("strong");
      word.textContent = term.textContent + ": ";
      text.appendChild(word);
      text.appendChild(document.createTextNode(meaning + " "));
      var more = document.createElement("a");
      more.href = term.href;
      more.textContent = "More in the glossary";
      text.appendChild(more);
      popover.appendChild(text);
      place(term, popover);
    });
  }

  // Closes the open popover; returns a new, empty one for `marker`, or null when the
  // popover just closed was its own (a second tap closes it).
  function toggle(marker, className, label) {
    var wasOpen = open && open.marker === marker;
    close();
    if (wasOpen) return null;
    var popover = document.createElement("div");
    popover.className = className;
    popover.setAttribute("role", "note");
    popover.setAttribute("tabindex", "-1");
    popover.setAttribute("aria-label", label);
    return popover;
  }

  function show(marker, ids) {
    var popover = toggle(marker, "cite-popover", "Sources");
    if (!popover) return;
    var list = document.createElement("ol");
    ids.forEach(function (id) {
      var note = document.getElementById(id);
      if (!note) return;
      var item = document.createElement("li");
      item.value = Array.prototype.indexOf.call(note.parentNode.children, note) + 1;
      item.innerHTML = note.innerHTML;
      item.querySelectorAll(".footnote-backref").forEach(function (a) { a.remove(); });
      list.appendChild(item);
    });
    popover.appendChild(list);
    place(marker, popover);
  }

  function wire(marker, ids) {
    marker.setAttribute("aria-expanded", "false");
    marker.setAttribute("aria-controls", ids[0]);
    marker.addEventListener("click", function (event) {
      event.preventDefault();
      show(marker, ids);
    });
  }

  function groupCitations(root) {
    var done = new Set();
    root.querySelectorAll('sup[id^="fnref"]').forEach(function (sup) {
      if (done.has(sup)) return;
      var run = [sup];
      for (var next = nextCitation(sup); next; next = nextCitation(next)) run.push(next);
      run.forEach(function (s) { done.add(s); });
      var ids = run.map(footnoteId).filter(Boolean);
      if (run.length === 1) {
        wire(sup.querySelector("a"), ids);
        return;
      }
      var numbers = run.map(function (s) { return parseInt(s.textContent.replace(/\D/g, ""), 10); });
      var group = document.createElement("sup");
      group.className = "cite-group";
      var link = document.createElement("a");
      link.href = "#" + ids[0];
      link.textContent = label(numbers);
      link.setAttribute("aria-label", "Sources " + label(numbers));
      group.appendChild(link);
      sup.parentNode.insertBefore(group, sup);
      run.forEach(function (s) { s.hidden = true; });
      wire(link, ids);
    });
  }

  function labelTableCells(root) {
    root.querySelectorAll("table").forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (i > 0 && names[i]) cell.setAttribute("data-label", names[i]);
        });
      });
    });
  }

  function nameTheSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function quietKeyboardPath() {
    document.querySelectorAll(".headerlink").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
    var drawer = document.getElementById("__drawer");
    var menu = document.querySelector(".md-sidebar--primary");
    if (!drawer || !menu) return;
    var narrow = window.matchMedia("(max-width: 76.2344em)");
    function update() { menu.inert = narrow.matches && !drawer.checked; }
    drawer.addEventListener("change", update);
    narrow.addEventListener("change", update);
    update();
  }

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var fold = target.closest("details"); fold; fold = fold.parentElement.closest("details")) {
      if (!fold.open) { fold.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }

  function start() {
    var article = document.querySelector("article") || document.body;
    groupCitations(article);
    article.querySelectorAll("a.term").forEach(defineInPlace);
    labelTableCells(article);
    quietKeyboardPath();
    nameTheSearchDialog();
    openTarget();
    window.addEventListener("hashchange", openTarget);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
