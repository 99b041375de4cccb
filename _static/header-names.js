/* The theme's header controls, named as they look (WCAG 2.5.3, Label in Name).
   - The search field shows "Search Ctrl+K" but was named "Search": its own text now names it, and
     the shortcut is declared for assistive technology.
   - The colour-mode button's icons were named "Light", "Dark" and "System Settings" inside a button
     named "Color mode": the icons become decoration and the button's name says which mode is on.
   Runs before the theme's icon script replaces each icon with an SVG, and handles the SVGs too in
   case that script ran first. */
(function () {
  "use strict";
  var MODES = { light: "light", dark: "dark", auto: "as the system" };

  function nameSearchButtons() {
    document.querySelectorAll(".search-button-field").forEach(function (button) {
      button.removeAttribute("aria-label");
      button.setAttribute("aria-keyshortcuts", "Control+K");
    });
  }

  function quietIcon(icon) {
    icon.removeAttribute("title");
    icon.removeAttribute("role");
    icon.removeAttribute("aria-labelledby");
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("focusable", "false");
    var title = icon.querySelector("title");
    if (title) {
      title.remove();
    }
  }

  function nameModeButtons() {
    var mode = document.documentElement.dataset.mode || "auto";
    document.querySelectorAll(".theme-switch-button").forEach(function (button) {
      button.querySelectorAll(".theme-switch").forEach(quietIcon);
      button.setAttribute("aria-label", "Colour mode: " + (MODES[mode] || mode));
    });
  }

  function setUp() {
    nameSearchButtons();
    nameModeButtons();
    // The theme changes the mode on the root element; the button's name follows it.
    new MutationObserver(nameModeButtons).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-mode"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
