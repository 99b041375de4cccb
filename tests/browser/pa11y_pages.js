// HTML_CodeSniffer, through pa11y, on pages of the built book: one Chromium for all of them.
// Usage: node pa11y_pages.js <chromium> <site url> <page>...
// Prints one JSON object: {"pa11y": version, "htmlcs": version, "pages": {page: {"checked": url,
// "issues": [issue, ...]}}}: the address of the document checked (after any redirect) and each error
// as pa11y reports it (code, message, selector, context).
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

// The same flags as the Python browser tests (tests/browser/conftest.py): no sandbox as root, and no
// background traffic for this closed network to refuse.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function main() {
  const [chromium, siteUrl, ...pages] = process.argv.slice(2);
  if (!chromium || !siteUrl || pages.length === 0) {
    throw new Error("usage: node pa11y_pages.js <chromium> <site url> <page>...");
  }
  const browser = await puppeteer.launch({
    executablePath: chromium,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const found = {};
  try {
    for (const page of pages) {
      const result = await pa11y(siteUrl + page, {
        browser,
        standard: "WCAG2AA",
        runners: ["htmlcs"],
        // Errors only: warnings and notices ask for a person's judgement, which the
        // accessibility statement lists as checked by hand.
        includeWarnings: false,
        includeNotices: false,
        timeout: 60000,
        viewport: { width: 1280, height: 900 },
        log: { debug: () => {}, error: console.error, info: () => {} },
      });
      found[page] = {
        checked: result.pageUrl,
        issues: result.issues.map((issue) => ({
          code: issue.code,
          message: issue.message,
          selector: issue.selector,
          context: issue.context,
        })),
      };
    }
  } finally {
    await browser.close();
  }
  const versions = {
    pa11y: require("pa11y/package.json").version,
    htmlcs: require("@pa11y/html_codesniffer/package.json").version,
  };
  process.stdout.write(JSON.stringify({ ...versions, pages: found }));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
