// Both API reference pages render with the network blocked: Debian's chromium driven by
// playwright-core (no browser download). Every request the browser makes that is not to the
// server under test is aborted and counted, and chromium resolves no other host name; the
// server is reached under a name of its own (docs.workspaced.test, mapped to 127.0.0.1), so
// the pages behave as on a real deployment (Swagger UI, for one, skips its online validator
// only on localhost). For /redoc and /swagger-ui/, every operation's summary in the served
// document must be rendered on the page; no request may have left; no script error (loads
// the page's Content-Security-Policy refuses are listed: they never reach the network).
// Screenshots go to OUT_DIR (redoc.png, swagger-ui-offline.png).
// Usage: node browser/offline-docs.mjs BASE_URL OUT_DIR   (BASE_URL: http://127.0.0.1:PORT)
import { chromium } from "playwright-core";

const [base, outDir] = process.argv.slice(2);
if (!outDir) {
  throw new Error("usage: offline-docs.mjs BASE_URL OUT_DIR");
}
const served = new URL(base);
if (served.hostname !== "127.0.0.1") {
  throw new Error(`the server must be on 127.0.0.1, not ${served.hostname}`);
}
const host = "docs.workspaced.test";
const origin = `http://${host}:${served.port}`;

// The operations the pages must show, from the document the server serves.
const doc = await (await fetch(`${base}/api/v2/openapi.json`)).json();
const summaries = [];
for (const item of Object.values(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (["get", "put", "post", "delete", "patch"].includes(method)) {
      summaries.push(op.summary);
    }
  }
}
if (summaries.length < 10 || !summaries.includes("List workspaces")) {
  throw new Error(`unexpected document: ${summaries.length} operations`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    // No name resolves but the server's: a request that escaped the route below fails too.
    `--host-resolver-rules=MAP ${host} 127.0.0.1, MAP * ~NOTFOUND`],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const blocked = [];
  let allowed = 0;
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) {
      allowed++;
      return route.continue();
    }
    blocked.push(route.request().url());
    return route.abort("internetdisconnected");
  });

  for (const { path, shot, ready } of [
    { path: "/redoc", shot: "redoc.png", ready: "[data-section-id]" },
    { path: "/swagger-ui/", shot: "swagger-ui-offline.png", ready: ".opblock" },
  ]) {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // What the page's Content-Security-Policy refuses never reaches the network: reported
    // apart (Redoc's sidebar logo, on Redocly's CDN, is one), not an error.
    const refused = [];
    page.on("console", (msg) => {
      if (msg.type() !== "error") {
        return;
      }
      (/Content Security Policy directive/.test(msg.text()) ? refused : errors).push(msg.text());
    });
    const before = { allowed, blocked: blocked.length };
    const res = await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
    if (res?.status() !== 200) {
      throw new Error(`${path} answered ${res?.status()}`);
    }
    await page.locator(ready).first().waitFor({ timeout: 30000 });
    const text = await page.locator("body").innerText();
    const missing = summaries.filter((s) => !text.includes(s));
    await page.screenshot({ path: `${outDir}/${shot}` });
    const here = blocked.slice(before.blocked);
    const requests = allowed - before.allowed;
    console.log(`${path}: ${summaries.length - missing.length}/${summaries.length} operations rendered, `
      + `${requests} requests to the server, ${here.length} blocked, ${refused.length} refused by the page's policy; `
      + `screenshot ${outDir}/${shot}`);
    for (const r of refused) {
      console.log(`  refused: ${r.slice(0, 160)}`);
    }
    if (missing.length > 0) {
      failed = true;
      console.error(`${path}: operations not on the page: ${missing.join("; ")}`);
    }
    if (here.length > 0) {
      failed = true;
      console.error(`${path}: requests that would leave the machine:\n  ${here.join("\n  ")}`);
    }
    if (errors.length > 0) {
      failed = true;
      console.error(`${path}: script errors:\n  ${errors.join("\n  ")}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
if (failed) {
  process.exit(1);
}
