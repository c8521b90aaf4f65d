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
  // screen. Tables with cells spanning columns, or marked data-keep-table, stay tables.
  var stackTables = function () {
    var tables = document.querySelectorAll(".table-wrap > table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.hasAttribute("data-keep-table") || table.querySelector("[colspan]:not(td:only-child)")) return;
      var head = table.tHead && table.tHead.rows[0];
      if (!head) return;
      var labels = Array.prototype.map.call(head.cells, function (cell) {
        return cell.textContent.replace(/\s+/g, " ").trim();
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, index) {
            if (labels[index] && !cell.hasAttribute("data-label")) {
              cell.setAttribute("data-label", labels[index]);
            }
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
