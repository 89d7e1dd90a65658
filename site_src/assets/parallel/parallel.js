/* Parallel reading: show the pair of versions the reader picks (hand-written, not generated).
   Every pair is already in the page, aligned at build time; this only shows one and hides
   the rest, putting the columns in the chosen order. */
(function () {
  "use strict";

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
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
