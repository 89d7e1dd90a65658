// The header's search box (overrides/partials/search.html), run with Pagefind.
// Nothing of the index is loaded with the page: Pagefind (its script, the index of the
// page's language) is loaded when the reader first focuses or opens the box, and a query
// loads only the index chunks of its words and the fragments of the results it shows.
// By default the page's own language is searched (Pagefind keeps one index per
// <html lang>); "All languages" merges the other languages' indexes into the search.
// Titles and excerpts are put on the page as text (excerpts keep their <mark>s only).
(function () {
  "use strict";
  var box = document.querySelector(".site-search");
  if (!box) return;
  var root = document.documentElement;
  box.classList.add("site-search--ready"); // without this script the box stays hidden
  var input = box.querySelector(".site-search__input");
  var form = box.querySelector("form");
  var status = box.querySelector(".site-search__status");
  var list = box.querySelector(".site-search__results");
  var scopes = box.querySelectorAll(".site-search__scope button");
  var words = box.dataset;
  var bundle = new URL(words.bundle, location.href); // <site>/pagefind/
  var site = new URL("..", bundle);
  var pageLang = (root.getAttribute("lang") || "en").toLowerCase();
  var SHOWN = 10; // results shown for a query: each loads its fragment (a few KB)
  var scope = "page";
  var engines = {}; // scope -> Promise of a Pagefind instance
  var asked = 0; // the latest query's number: an older query's answer is dropped

  function say(text) {
    status.textContent = text;
  }

  function offline() {
    return location.protocol === "file:"; // Pagefind fetches its index: no fetch from file://
  }

  function languages() {
    return fetch(bundle.href + "pagefind-entry.json")
      .then(function (response) { return response.json(); })
      .then(function (entry) { return Object.keys(entry.languages || {}); });
  }

  function engine(which) {
    if (!engines[which]) {
      engines[which] = import(bundle.href + "pagefind.js").then(function (pagefind) {
        var options = { basePath: bundle.pathname, baseUrl: site.pathname };
        var instance = pagefind.createInstance(options);
        if (which === "page") return instance;
        return languages().then(function (codes) {
          // Each other language's index, searched with this page's: Pagefind merges only
          // an index whose address differs from the first's, hence the absolute one.
          var others = codes.filter(function (code) { return code !== pageLang; });
          return Promise.all(others.map(function (code) {
            return instance.mergeIndex(bundle.href, { language: code, baseUrl: site.pathname });
          })).then(function () { return instance; });
        });
      });
    }
    return engines[which];
  }

  function show(open) {
    box.classList.toggle("site-search--open", open);
  }

  function open() {
    show(true);
    if (offline()) return say(words.offline);
    if (!list.children.length && !input.value) say(words.loading);
    engine(scope).then(function () {
      if (!input.value) say(words.placeholder);
    }, function () { say(words.error); });
  }

  function counted(count) {
    if (count === 0) return words.none;
    if (count === 1) return words.one;
    return words.other.replace("#", String(count));
  }

  function excerpt(html) {
    // Pagefind's excerpt is the page's text, escaped, with <mark>s: keep text and marks only.
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var out = document.createDocumentFragment();
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    var article = document.createElement("article");
    if (meta.lang) article.setAttribute("lang", meta.lang);
    if (meta.dir) article.setAttribute("dir", meta.dir);
    var title = document.createElement("strong");
    title.textContent = meta.title || data.url;
    var text = document.createElement("p");
    text.appendChild(excerpt(data.excerpt || ""));
    article.appendChild(title);
    article.appendChild(text);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function search() {
    var term = input.value.trim();
    var mine = ++asked;
    if (offline()) return say(words.offline);
    if (!term) {
      list.replaceChildren();
      return say(words.placeholder);
    }
    engine(scope)
      .then(function (pagefind) { return pagefind.search(term); })
      .then(function (found) {
        if (mine !== asked) return null;
        var shown = found.results.slice(0, SHOWN).map(function (r) { return r.data(); });
        return Promise.all(shown).then(function (datas) {
          if (mine !== asked) return;
          list.replaceChildren.apply(list, datas.map(item));
          say(counted(found.results.length));
        });
      })
      .catch(function () { if (mine === asked) say(words.error); });
  }

  var timer = null;
  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) show(false);
  });
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) show(false);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box.classList.contains("site-search--open")) {
      show(false);
      input.blur();
    } else if (event.key === "/" && document.activeElement !== input &&
               !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.nodeName)) {
      event.preventDefault();
      input.focus();
    }
  });
  scopes.forEach(function (button) {
    button.addEventListener("click", function () {
      scope = button.getAttribute("data-scope");
      scopes.forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
      show(true);
      search();
    });
  });
})();
