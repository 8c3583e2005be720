// revdiff HTML report: the view toggle (inline / side by side) and the filters by kind and
// nature. Without JavaScript the report shows every clause inline and the controls stay hidden.
(function () {
  "use strict";
  var controls = document.getElementById("controls");
  if (!controls) {
    return;
  }
  var changes = Array.prototype.slice.call(document.querySelectorAll("article.change"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.sec"));
  var shown = document.getElementById("shown");

  function checkedValues(name) {
    var boxes = controls.querySelectorAll('input[name="' + name + '"]');
    var values = {};
    for (var i = 0; i < boxes.length; i++) {
      values[boxes[i].value] = boxes[i].checked;
    }
    return values;
  }

  function applyView() {
    var sideBySide = document.getElementById("view-sbs").checked;
    document.body.classList.toggle("view-sbs", sideBySide);
  }

  function applyFilters() {
    var kinds = checkedValues("kind");
    var natures = checkedValues("nature");
    var visible = 0;
    changes.forEach(function (change) {
      var kindOn = kinds[change.dataset.kind] !== false;
      var list = (change.dataset.nature || "").split(" ").filter(Boolean);
      var natureOn = list.length === 0 || list.some(function (n) { return natures[n] !== false; });
      var on = kindOn && natureOn;
      change.classList.toggle("filtered", !on);
      if (on) {
        visible += 1;
      }
    });
    sections.forEach(function (section) {
      var any = section.querySelector("article.change:not(.filtered)") !== null;
      section.classList.toggle("filtered", !any);
      // A hidden section is no place to jump to: its sidebar entry stops being a link.
      var link = document.querySelector('nav a[data-target="' + section.id + '"]');
      if (link) {
        link.parentNode.classList.toggle("empty", !any);
        if (any) {
          link.setAttribute("href", "#" + section.id);
        } else {
          link.removeAttribute("href");
        }
      }
    });
    shown.textContent = visible + " of " + changes.length + " clauses shown";
    document.body.dataset.shown = String(visible);
  }

  controls.addEventListener("change", function () {
    applyView();
    applyFilters();
  });
  controls.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  controls.hidden = false;
  applyView();
  applyFilters();
  document.body.dataset.ready = "true";
})();
