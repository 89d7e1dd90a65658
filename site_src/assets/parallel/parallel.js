/* Parallel reading: show the pair of versions the reader picks (hand-written, not generated).
   Every pair is aligned at build time. The first is in the page as HTML; the others come as
   data (each version's sentences once, and each pair's rows of sentence numbers), made into
   the same HTML here, as text nodes only. This shows one pair and hides the rest, putting
   the columns in the chosen order. A long story's data is a file beside the page
   (`data-src`), fetched here: from a file:// copy the browser refuses it, and the page then
   says so and keeps its first pair. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function cell(version, text) {
    var node = element("div", "parallel-cell" + (text ? "" : " parallel-none"), text);
    node.lang = version.lang;
    node.dir = version.dir;
    node.dataset.lang = version.lang;
    return node;
  }

  function titleCell(version) {
    var node = cell(version, "");
    node.className = "parallel-cell";
    var link = element("a", "", version.title);
    link.href = version.href;
    node.appendChild(link);
    return node;
  }

  function sentences(version, indices) {
    return indices.map(function (i) { return version.sentences[i]; }).join(" ");
  }

  // One <section> like the one written at build time, for the pair described in `pair`.
  function section(versions, pair) {
    var left = versions[pair.left];
    var right = versions[pair.right];
    var node = element("section", "parallel-pair");
    node.dataset.left = left.lang;
    node.dataset.right = right.lang;
    node.hidden = true;
    node.appendChild(element("h2", "parallel-pair-name", left.name + " · " + right.name));
    var head = element("div", "parallel-row parallel-head");
    head.appendChild(titleCell(left));
    head.appendChild(titleCell(right));
    node.appendChild(head);
    pair.rows.forEach(function (row) {
      var classes = "parallel-row" + (row[2] & 1 ? " parallel-loose" : "");
      var line = element("div", classes + (row[2] & 2 ? " parallel-break" : ""));
      line.appendChild(cell(left, sentences(left, row[0])));
      line.appendChild(cell(right, sentences(right, row[1])));
      node.appendChild(line);
    });
    return node;
  }

  function addPairs(root, data, parsed) {
    parsed.pairs.forEach(function (pair) {
      root.insertBefore(section(parsed.versions, pair), data);
    });
  }

  // The other pairs' data, then `done()`: from the page, or fetched from its file.
  function loadPairs(root, done) {
    var data = root.querySelector(".parallel-data");
    if (!data) return done();
    if (!data.dataset.src) {
      addPairs(root, data, JSON.parse(data.textContent));
      return done();
    }
    fetch(data.dataset.src)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (parsed) {
        addPairs(root, data, parsed);
        done();
      })
      .catch(function () {
        var note = element("p", "parallel-note",
          "The other languages could not be loaded (a copy opened from disk cannot fetch them).");
        root.insertBefore(note, data);
      });
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    loadPairs(root, function () { controls(root); });
  }

  function controls(root) {
    var form = root.querySelector(".parallel-controls");
    var left = form.querySelector('[data-side="left"]');
    var right = form.querySelector('[data-side="right"]');
    var pairs = Array.prototype.slice.call(root.querySelectorAll(".parallel-pair"));
    var previous = { left: left.value, right: right.value };

    function show() {
      pairs.forEach(function (pair) {
        var direct = pair.dataset.left === left.value && pair.dataset.right === right.value;
        var swapped = pair.dataset.left === right.value && pair.dataset.right === left.value;
        pair.hidden = !(direct || swapped);
        pair.classList.toggle("parallel-swapped", swapped);
      });
    }

    function changed(select, other) {
      // The same language on both sides would show nothing: trade places instead.
      if (select.value === other.value) {
        other.value = previous[select.dataset.side];
      }
      previous = { left: left.value, right: right.value };
      show();
    }

    left.addEventListener("change", function () { changed(left, right); });
    right.addEventListener("change", function () { changed(right, left); });
    root.classList.add("parallel-js");
    form.hidden = false;
    show();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-parallel]"), setUp);
  }

  // Material's instant navigation swaps pages without reloading scripts: follow it if present.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
