// Headless Chromium for the end-to-end tests: Debian's chromium driven by playwright-core (installed in
// web/node_modules by scripts/setup-web.sh). One browser, one context per user (each context has its own
// localStorage, so its own signed-in token); screenshots of the pages for people to review.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export function loadPlaywright(webDir) {
  return createRequire(join(webDir, "package.json"))("playwright-core");
}

export class Browser {
  constructor(playwright, { executablePath, baseUrl, screenshots }) {
    this.playwright = playwright;
    this.executablePath = executablePath;
    this.baseUrl = baseUrl;
    this.screenshots = screenshots;
    mkdirSync(screenshots, { recursive: true });
  }

  async launch() {
    // Chromium's own sandbox needs user namespaces, which containers and root often lack.
    this.browser = await this.playwright.chromium.launch({ executablePath: this.executablePath, args: ["--no-sandbox"] });
  }

  async close() {
    await this.browser?.close();
  }

  // A page whose browser is signed in with `token` (null: signed out). Dialogs (confirmations) are
  // accepted, as a person who clicked the button would.
  async page(token, { width = 1280, height = 900 } = {}) {
    const context = await this.browser.newContext({ viewport: { width, height }, baseURL: this.baseUrl });
    if (token) await context.addInitScript((t) => localStorage.setItem("podium.token", t), token);
    const page = await context.newPage();
    page.on("dialog", (dialog) => dialog.accept());
    page.errors = [];
    page.on("pageerror", (error) => page.errors.push(error));
    return page;
  }

  async open(page, route) {
    await page.goto(`${this.baseUrl}/#${route}`);
  }

  async screenshot(page, name) {
    await page.screenshot({ path: join(this.screenshots, `${name}.png`), fullPage: true });
  }
}

// How many pixels of a canvas were painted: a chart that rendered has thousands, an empty one none.
export async function paintedPixels(locator) {
  return locator.evaluate((canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted;
  });
}
