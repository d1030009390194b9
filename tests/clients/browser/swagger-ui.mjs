// Swagger UI in a real browser: Debian's chromium driven by playwright-core (no browser
// download). Opens /swagger-ui/, authorizes with the token, runs "Try it out" on
// POST /users/{user}/workspaces (creating a workspace) and on GET /workspaces, and checks
// that both answer as documented with the workspace's name in the rendered response; no
// console errors. Saves a screenshot.
// Usage: node browser/swagger-ui.mjs BASE_URL TOKEN TEMPLATE_ID SCREENSHOT
import { chromium } from "playwright-core";

const [base, token, templateId, screenshot] = process.argv.slice(2);
if (!screenshot) {
  throw new Error("usage: swagger-ui.mjs BASE_URL TOKEN TEMPLATE_ID SCREENSHOT");
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const errors = [];

// Expands an operation and switches it to "Try it out" (the button then reads "Cancel").
async function tryItOut(op) {
  await op.locator(".opblock-summary-control, .opblock-summary").first().click();
  const button = op.locator("button.try-out__btn");
  await button.waitFor({ timeout: 30000 });
  for (let i = 0; i < 20 && !(await button.innerText()).includes("Cancel"); i++) {
    await button.click();
    await op.page().waitForTimeout(100);
  }
}
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/swagger-ui/`, { waitUntil: "networkidle" });
  await page.locator(".opblock").first().waitFor({ timeout: 30000 });

  // Authorize with the session token.
  await page.locator(".auth-wrapper .authorize").click();
  await page.locator(".modal-ux input").first().fill(token);
  await page.locator(".modal-ux .auth-btn-wrapper .authorize").click();
  await page.locator(".modal-ux .btn-done").click();

  // Try it out: create a workspace.
  const name = `ui-${Date.now().toString(36)}`;
  const create = page.locator("#operations-Workspaces-create-user-workspace");
  await tryItOut(create);
  await create.locator('tr[data-param-name="user"] input[type=text]').fill("me");
  await create.locator("textarea.body-param__text").fill(JSON.stringify({ name, template_id: templateId }));
  await create.locator(".execute").click();
  await create.locator(".live-responses-table .response .response-col_status").first().waitFor({ timeout: 30000 });
  const createdStatus = (await create.locator(".live-responses-table .response .response-col_status").first().innerText()).trim();
  if (!createdStatus.startsWith("201")) {
    throw new Error(`Swagger UI create answered ${createdStatus}`);
  }

  // Try it out: list workspaces (q=name:<it>); the new one is in the rendered response.
  const list = page.locator("#operations-Workspaces-list-workspaces");
  await tryItOut(list);
  await list.locator('tr[data-param-name="q"] input[type=text]').fill(`name:${name}`);
  await list.locator(".execute").click();
  const status = list.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor({ timeout: 30000 });
  const listStatus = (await status.innerText()).trim();
  const body = await list.locator(".live-responses-table .response .response-col_description").first().innerText();
  if (!listStatus.startsWith("200")) {
    throw new Error(`Swagger UI list answered ${listStatus}`);
  }
  if (!body.includes(name)) {
    await page.screenshot({ path: screenshot, fullPage: true });
    throw new Error(`the rendered list does not show ${name}: ${body.slice(0, 300)}`);
  }
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot, fullPage: false });
  if (errors.length > 0) {
    throw new Error(`console errors:\n${errors.join("\n")}`);
  }
  console.log(`Swagger UI: authorized, created ${name} (201) and listed it (200); screenshot ${screenshot}`);
} finally {
  await browser.close();
}
