// Search limited to one language: on a language's index page (an element with class
// "language-search"), load Pagefind's UI. Pagefind builds one index per <html lang> and
// searches the index of the page's own language, so results are in that language only.
(function () {
  var box = document.querySelector(".language-search");
  if (!box) return;
  var root = new URL("..", document.currentScript.src); // this file is at <root>/assets/
  var bundle = new URL("pagefind/", root);
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    new PagefindUI({
      element: box,
      bundlePath: bundle.pathname,
      baseUrl: root.pathname,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
    });
    // Pagefind's input has only a title; give it the box's label (axe: label-title-only).
    var input = box.querySelector("input");
    if (input) input.setAttribute("aria-label", box.getAttribute("aria-label"));
  };
  document.head.appendChild(script);
})();
