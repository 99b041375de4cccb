/* Filters the evidence register table by area, theme, ladder level and strength.
   Pages without the register are left alone. The count is announced to screen readers. */
(function () {
  "use strict";
  function setUp() {
    var table = document.getElementById("register-table");
    var count = document.getElementById("register-count");
    var selects = document.querySelectorAll("select[data-filter]");
    if (!table || !count || !selects.length) {
      return;
    }
    var rows = table.querySelectorAll("tbody tr");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = Array.prototype.every.call(selects, function (select) {
          var wanted = select.value;
          if (!wanted) {
            return true;
          }
          var values = (row.getAttribute("data-" + select.dataset.filter) || "").split(" ");
          return values.indexOf(wanted) !== -1;
        });
        row.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      count.textContent = shown === rows.length
        ? "Showing all " + rows.length + " items."
        : "Showing " + shown + " of " + rows.length + " items.";
    }
    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
