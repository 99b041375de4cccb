/* A link inside a table that scrolls sideways is brought fully into view when it takes keyboard focus.
   Chromium leaves a link that is only partly in view where it is (a few pixels of it showing at the
   region's edge), so its focus outline would be out of sight on a narrow screen. */
(function () {
  "use strict";
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || target.classList.contains("book-table-wrapper")) {
      return;
    }
    if (target.closest(".book-table-wrapper")) {
      // scroll-margin (book.css) leaves room for the outline.
      target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });
})();
