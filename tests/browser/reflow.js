// What a narrow screen does to the page: sideways scrolling of the whole page, content pushed out of
// sight with no way to scroll to it, captions cut off, and chart text drawn too small to read.
// Evaluated by tests/browser/test_reflow.py with the smallest legible text size in CSS pixels: a chart's
// text may be drawn smaller than designed, but never below that size (nor below its design).
(legiblePx) => {
  "use strict";
  const viewport = document.documentElement.clientWidth;
  const TOLERANCE = 1; // px: sub-pixel layout

  function describe(element) {
    const classes = (element.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 2);
    const text = (element.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    return element.tagName.toLowerCase() + classes.map((c) => "." + c).join("") + (text ? ` "${text}"` : "");
  }

  function rendered(element) {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return rect.width > 0 && rect.height > 0 && style.visibility !== "hidden";
  }

  function scrollsSideways(element) {
    const overflow = getComputedStyle(element).overflowX;
    return overflow === "auto" || overflow === "scroll";
  }

  // Visually hidden text (clipped to a 1 px box for screen readers) is not meant to be seen.
  function visuallyHidden(element) {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === "absolute" && style.clip === "rect(0px, 0px, 0px, 0px)") {
        return true;
      }
    }
    return false;
  }

  // An element beyond the viewport's sides is reachable only inside an ancestor that scrolls sideways
  // and itself fits the viewport.
  function reachable(element) {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      if (scrollsSideways(node)) {
        const box = node.getBoundingClientRect();
        return box.left >= -TOLERANCE && box.right <= viewport + TOLERANCE;
      }
    }
    return false;
  }

  // Whether any part of an element is cut off: by the viewport's sides, by an ancestor that clips
  // or scrolls its overflow, or by its own box (text overflowing it).
  function cutOff(element) {
    const rect = element.getBoundingClientRect();
    if (rect.left < -TOLERANCE || rect.right > viewport + TOLERANCE) {
      return "beyond the screen's edge";
    }
    if (element.scrollWidth > element.clientWidth + TOLERANCE) {
      return "its text overflows its box";
    }
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX === "visible") {
        continue;
      }
      const box = node.getBoundingClientRect();
      const left = box.left + node.clientLeft;
      const right = left + node.clientWidth;
      if (rect.left < left - TOLERANCE || rect.right > right + TOLERANCE) {
        return "inside a box that scrolls or clips it: " + describe(node).slice(0, 60);
      }
    }
    return null;
  }

  const pageScroll = document.scrollingElement.scrollWidth - document.documentElement.clientWidth;

  const outOfReach = [];
  for (const element of document.body.querySelectorAll("*")) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) {
      continue;
    }
    if (rect.left >= -TOLERANCE && rect.right <= viewport + TOLERANCE) {
      continue;
    }
    if (!rendered(element) || visuallyHidden(element) || reachable(element)) {
      continue;
    }
    outOfReach.push(describe(element) + ` (${Math.round(rect.left)} to ${Math.round(rect.right)} px)`);
  }

  const captions = [];
  const clippedCaptions = [];
  for (const caption of document.querySelectorAll("caption, figcaption, .book-table-caption")) {
    if (!rendered(caption) || visuallyHidden(caption)) {
      continue;
    }
    captions.push(describe(caption));
    const problem = cutOff(caption);
    if (problem) {
      clippedCaptions.push(describe(caption) + ": " + problem);
    }
  }

  // Each chart's smallest text as designed (its font size) and as drawn (scaled with the chart).
  const charts = [];
  for (const svg of document.querySelectorAll(".book-chart svg")) {
    const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
    const sizes = Array.from(svg.querySelectorAll("text"), (text) => parseFloat(text.getAttribute("font-size")));
    const designed = Math.min(...sizes.filter((size) => size > 0));
    const drawn = designed * scale;
    charts.push({
      chart: svg.closest(".book-chart").getAttribute("aria-label").slice(0, 80),
      designed,
      drawn,
      legible: drawn >= Math.min(legiblePx, designed) - 0.01,
    });
  }

  return {
    viewport,
    pageScroll,
    outOfReach: outOfReach.slice(0, 20),
    outOfReachCount: outOfReach.length,
    captions: captions.length,
    clippedCaptions,
    charts,
  };
}
