// Small enhancements every page shares; each page works without them.
(function () {
  "use strict";

  // The header's navigation behind a Menu button on a phone: the button appears only when
  // this script runs (without it, the navigation simply shows); wider screens show the menu.
  var menu = function () {
    var button = document.querySelector(".menu-button");
    var nav = document.getElementById("main-nav");
    if (!button || !nav) return;
    var phone = window.matchMedia("(max-width: 47.99rem)");
    var show = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-collapsed", !open && phone.matches);
    };
    button.hidden = false;
    show(false);
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    phone.addEventListener("change", function () { show(false); });
  };

  // Tables on a phone: each cell gets its column's heading as a label, so that the stylesheet
  // can show every row as a card of "heading: value" lines instead of a table wider than the
  // screen. A cell spanning columns takes the first one's heading; a table marked
  // data-keep-table stays a table.
  var stackTables = function () {
    var tables = document.querySelectorAll(".table-wrap > table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.hasAttribute("data-keep-table")) return;
      var head = table.tHead && table.tHead.rows[0];
      if (!head) return;
      var labels = [];
      Array.prototype.forEach.call(head.cells, function (cell) {
        var text = cell.textContent.replace(/\s+/g, " ").trim();
        for (var n = 0; n < cell.colSpan; n++) labels.push(n === 0 ? text : "");
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (labels[column] && !cell.hasAttribute("data-label") && row.cells.length > 1) {
              cell.setAttribute("data-label", labels[column]);
            }
            column += cell.colSpan;
          });
        });
      });
      table.classList.add("stackable");
    });
  };

  var start = function () { menu(); stackTables(); };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
