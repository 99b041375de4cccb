// What the keyboard focus looks like on the focused element, from its computed styles: the
// indicator (outline, or else box-shadow), its contrast with the colour behind it, and how much of it
// is left visible by ancestors that clip their overflow. Evaluated by tests/browser/test_keyboard.py.
() => {
  "use strict";

  // Colours as Chromium computes them: rgb(), rgba() or color(srgb ...); null when not a colour.
  function parseColour(text) {
    let match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(text);
    if (match) {
      const alpha = match[4] === undefined ? 1 : parseAlpha(match[4]);
      return { r: +match[1], g: +match[2], b: +match[3], a: alpha };
    }
    match = /color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)/.exec(text);
    if (match) {
      const alpha = match[4] === undefined ? 1 : parseAlpha(match[4]);
      return { r: 255 * match[1], g: 255 * match[2], b: 255 * match[3], a: alpha };
    }
    return null;
  }

  function parseAlpha(text) {
    return text.endsWith("%") ? parseFloat(text) / 100 : parseFloat(text);
  }

  function over(top, bottom) {
    const a = top.a;
    return {
      r: top.r * a + bottom.r * (1 - a),
      g: top.g * a + bottom.g * (1 - a),
      b: top.b * a + bottom.b * (1 - a),
      a: 1,
    };
  }

  // WCAG 2 relative luminance and contrast ratio.
  function luminance(c) {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  }

  function contrast(a, b) {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }

  function hex(c) {
    return "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("").toUpperCase();
  }

  // The colour painted behind a point of `element`: its own background and its ancestors', layered
  // over the white canvas (background images are not considered).
  function backgroundBehind(element) {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parseColour(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) {
          break;
        }
      }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  }

  // Box-shadows as "<colour> <x> <y> <blur> <spread> [inset]", the form Chromium computes.
  function parseShadows(text) {
    if (!text || text === "none") {
      return [];
    }
    const shadows = [];
    const pattern = /((?:rgba?|color)\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px(\s+inset)?/g;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      shadows.push({
        colour: parseColour(match[1]),
        x: +match[2],
        y: +match[3],
        blur: +match[4],
        spread: +match[5],
        inset: Boolean(match[6]),
      });
    }
    return shadows;
  }

  // A ring drawn from `inner` px to `outer` px outside the border box (negative: inside it).
  function ringsOf(element, style) {
    const rings = [];
    const width = parseFloat(style.outlineWidth) || 0;
    if (style.outlineStyle !== "none" && style.outlineStyle !== "hidden" && width > 0) {
      const offset = parseFloat(style.outlineOffset) || 0;
      rings.push({ kind: "outline", colour: parseColour(style.outlineColor), inner: offset, outer: offset + width });
    }
    for (const shadow of parseShadows(style.boxShadow)) {
      // A ring needs a spread (a blur alone is a soft glow) and is drawn around the box as offset.
      const thickness = shadow.spread - Math.max(Math.abs(shadow.x), Math.abs(shadow.y));
      if (!shadow.colour || thickness <= 0) {
        continue;
      }
      rings.push(
        shadow.inset
          ? { kind: "inset box-shadow", colour: shadow.colour, inner: -thickness, outer: 0 }
          : { kind: "box-shadow", colour: shadow.colour, inner: 0, outer: thickness }
      );
    }
    return rings;
  }

  function grow(box, by) {
    return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
  }

  function area(box) {
    return Math.max(0, box.right - box.left) * Math.max(0, box.bottom - box.top);
  }

  function intersect(a, b) {
    return {
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    };
  }

  // The area every ancestor that clips its overflow leaves visible (its padding box).
  function clipOf(element) {
    let clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    for (let node = element.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === "visible" && style.overflowY === "visible") {
        continue;
      }
      const box = node.getBoundingClientRect();
      const padding = {
        left: box.left + node.clientLeft,
        top: box.top + node.clientTop,
        right: box.left + node.clientLeft + node.clientWidth,
        bottom: box.top + node.clientTop + node.clientHeight,
      };
      clip = {
        left: style.overflowX === "visible" ? clip.left : Math.max(clip.left, padding.left),
        right: style.overflowX === "visible" ? clip.right : Math.min(clip.right, padding.right),
        top: style.overflowY === "visible" ? clip.top : Math.max(clip.top, padding.top),
        bottom: style.overflowY === "visible" ? clip.bottom : Math.min(clip.bottom, padding.bottom),
      };
      if (style.position === "fixed") {
        break;
      }
    }
    return clip;
  }

  function describe(element) {
    const parts = [element.tagName.toLowerCase()];
    if (element.id) {
      parts.push("#" + element.id);
    }
    const classes = (element.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 3);
    parts.push(...classes.map((c) => "." + c));
    const name = (element.getAttribute("aria-label") || element.textContent || "").trim().replace(/\s+/g, " ");
    return parts.join("") + (name ? ` "${name.slice(0, 60)}"` : "");
  }

  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return null;
  }
  // Each element is reported once; coming back to one means the tab order has gone round.
  const reported = window.__focusReported || (window.__focusReported = new WeakSet());
  if (reported.has(element)) {
    return { repeat: true, element: describe(element) };
  }
  reported.add(element);
  const style = getComputedStyle(element);
  const rect = element.getBoundingClientRect();
  const box = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
  const clip = clipOf(element);
  const result = {
    repeat: false,
    element: describe(element),
    // A region that scrolls sideways (a table or a chart), which the keyboard must be able to reach.
    region: element.matches(".book-table-wrapper, .book-chart"),
    width: rect.width,
    height: rect.height,
    rings: [],
  };
  for (const ring of ringsOf(element, style)) {
    // Behind an outer ring is the parent's background; behind an inner one, the element's own.
    const behind = backgroundBehind(ring.outer <= 0 ? element : element.parentElement || element);
    const colour = ring.colour ? over(ring.colour, behind) : null;
    const outer = grow(box, ring.outer);
    const inner = grow(box, ring.inner);
    const ringArea = area(outer) - area(inner);
    const shown = area(intersect(outer, clip)) - area(intersect(inner, clip));
    result.rings.push({
      kind: ring.kind,
      colour: colour ? hex(colour) : "none",
      background: hex(behind),
      contrast: colour ? contrast(colour, behind) : 0,
      visible: ringArea > 0 ? Math.max(0, shown) / ringArea : 0,
    });
  }
  return result;
}
