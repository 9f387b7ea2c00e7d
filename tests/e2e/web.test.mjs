// End-to-end tests of the web UI: a real `podium serve` (temporary store and directories, its own local
// worker running CPU problems) serving web/dist/, and headless Chromium reading its pages as two
// competitors and an admin would. Submissions go in through the JSON API (and once through the
// problem page's form); the tests watch the pages follow them. Every page is saved as a screenshot.
//
// Run by CTest (tests/e2e/CMakeLists.txt), or by hand:
//   PODIUM_BINARY=build/podium node tests/e2e/web.test.mjs
// Environment: PODIUM_BINARY (required), PODIUM_SOURCE_DIR (default: this checkout), PODIUM_CHROMIUM
// (default /usr/bin/chromium), PODIUM_E2E_SCREENSHOTS (default build/e2e-screenshots).
// Exits with 77 (CTest's "skipped") when the UI is not built or the browser is not installed.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Browser, loadPlaywright, paintedPixels } from "./support/browser.mjs";
import { PodiumServer } from "./support/podium.mjs";

const source = resolve(process.env.PODIUM_SOURCE_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "../.."));
const web = join(source, "web");
const chromium = process.env.PODIUM_CHROMIUM ?? "/usr/bin/chromium";
const screenshots = resolve(process.env.PODIUM_E2E_SCREENSHOTS ?? join(source, "build/e2e-screenshots"));
const binary = process.env.PODIUM_BINARY;

const missing = [
  [existsSync(join(web, "dist/index.html")), "the built web UI (web/dist/)"],
  [existsSync(join(web, "node_modules/playwright-core")), "playwright-core (web/node_modules/)"],
  [existsSync(chromium), `chromium (${chromium})`],
].filter(([present]) => !present);
if (missing.length) {
  console.log(`skipped: no ${missing.map(([, what]) => what).join(", ")}; scripts/setup-web.sh installs them`);
  process.exit(77);
}
if (!binary) throw new Error("PODIUM_BINARY must name the podium executable");

// Submissions go to a small CPU problem, so that each takes seconds; the bundled vector-sum is there
// to be read.
const problem = "e2e/accumulate";
const accumulate = join(source, "tests/data/problems/accumulate");
const correct = readFileSync(join(accumulate, "solutions/correct/adds-into-output.cpp"), "utf8");
const wrong = readFileSync(join(accumulate, "solutions/wrong/adds-twice.cpp"), "utf8");
const SUBMISSION_TIMEOUT = 90_000;

describe("the web UI served by podium serve", { concurrency: false }, () => {
  const server = new PodiumServer({
    binary,
    problems: { [problem]: accumulate, "cpu/vector-sum": join(source, "problems/cpu/vector-sum") },
  });
  let browser;
  let alice, bob;
  let aliceRanked, bobRanked, aliceSecond;

  before(async () => {
    await server.start();
    // Every page is loaded from the server's own port: without the UI there, nothing else can pass.
    const index = await fetch(`${server.url}/`);
    assert.equal(index.status, 200, `podium serve does not serve the web UI at ${server.url}/ (web/SERVER-NEEDS.md)`);
    assert.match(await index.text(), /<div id="app">/);
    browser = new Browser(loadPlaywright(web), { executablePath: chromium, baseUrl: server.url, screenshots });
    await browser.launch();
    alice = await server.addUser("alice");
    bob = await server.addUser("bob");
  });

  after(async () => {
    await browser?.close();
    await server.stop();
  });

  test("signing in keeps the token in the browser, a refused token says why, signing out forgets it", async () => {
    const page = await browser.page(null);
    await browser.open(page, "/sign-in");
    await page.fill('input[name="token"]', "not-a-token");
    await page.click('button[type="submit"]');
    const refusal = await page.locator('[role="alert"]').textContent();
    const api = await server.client("not-a-token").get("/me").catch((e) => e);
    assert.equal(api.status, 401);
    assert.equal(refusal, `Sign-in failed: ${api.body.error.message}`, "the server's message is shown");
    await browser.screenshot(page, "sign-in");

    await page.fill('input[name="token"]', alice.token);
    await page.click('button[type="submit"]');
    await page.locator(".site-header .me", { hasText: "alice" }).waitFor();
    await page.reload();
    await page.locator(".site-header .me", { hasText: "alice" }).waitFor();

    await page.click("text=Sign out");
    await page.locator(".site-header a", { hasText: "Sign in" }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("podium.token")), null);
    await page.context().close();
  });

  test("the home page lists competitions with a live countdown, and problems with GPUs and competitors", async () => {
    await server.admin.post("/competitions", {
      slug: "cpu-warm-up",
      title: "CPU warm-up",
      description: 'Sum **fast**. <img src="none" onerror="window.pwned = true"><script>window.pwned = true</script>',
      starts_at: null,
      deadline: Date.now() + 3 * 86_400_000,
      problems: [problem],
      gpus: ["cpu"],
    });
    const page = await browser.page(null);
    await browser.open(page, "/");
    const card = page.locator(".competition", { hasText: "CPU warm-up" });
    const first = await card.locator(".countdown").textContent();
    assert.match(first, /^\d+d \d\d:\d\d:\d\d left$/);
    await page.waitForFunction((before) => document.querySelector(".competition .countdown").textContent !== before, first);

    const row = page.locator("table.problems tr", { hasText: "cpu/vector-sum" });
    assert.match(await row.textContent(), /Vector Sum \(CPU\)/);
    assert.equal(await row.locator(".tag").first().textContent(), "cpu");
    assert.equal(await row.locator("td.num").textContent(), "0", "nobody has submitted yet");
    await browser.screenshot(page, "home");

    await card.locator("h2 a").click();
    await page.locator(".markdown strong", { hasText: "fast" }).waitFor();
    assert.equal(await page.locator(".markdown [onerror], .markdown script").count(), 0, "the Markdown is sanitized");
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await browser.screenshot(page, "competition");
    await page.context().close();
  });

  test("a submission's page follows it live, through the queue, to its verdict", async () => {
    // bob's submission goes first, so alice's waits in the queue while her page is open.
    bobRanked = (await bob.api.post("/submissions", { problem, code: correct, file_name: "bob.cpp", mode: "leaderboard", note: "first try" })).submission.id;
    aliceRanked = (await alice.api.post("/submissions", { problem, code: correct, file_name: "adds.cpp", mode: "leaderboard", note: "adds into the output" })).submission.id;

    const page = await browser.page(alice.token);
    // Every state the page shows, in order, as the page itself changes it.
    await page.addInitScript(() => {
      window.seen = [];
      new MutationObserver(() => {
        const status = document.querySelector(".submission")?.dataset.status;
        const live = document.querySelector(".live-status")?.textContent ?? "";
        const last = window.seen[window.seen.length - 1];
        if (status && (!last || last.status !== status || last.live !== live)) window.seen.push({ status, live });
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await browser.open(page, `/submissions/${aliceRanked}`);
    await page.waitForFunction(() => /Phase \d of \d/.test(document.querySelector(".live-status")?.textContent ?? ""));
    await browser.screenshot(page, "submission-live");
    await page.locator('.submission[data-status="done"]').waitFor({ timeout: SUBMISSION_TIMEOUT });

    const seen = await page.evaluate(() => window.seen);
    const statuses = [...new Set(seen.map((s) => s.status))];
    assert.deepEqual(statuses.slice(-1), ["done"]);
    assert.ok(statuses.includes("queued") || statuses.includes("running"), `the page showed the job before it finished: ${JSON.stringify(seen)}`);
    assert.equal(await page.locator(".submission").getAttribute("data-verdict"), "accepted");
    assert.equal(await page.locator("h1 .badge").textContent(), "accepted");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the submission page shows each phase's cases, a drawn chart of shape times, the compile report and the code", async () => {
    const page = await browser.page(alice.token);
    await browser.open(page, `/submissions/${aliceRanked}`);
    await page.locator(".chart canvas").waitFor();
    assert.ok((await paintedPixels(page.locator(".chart canvas"))) > 1000, "the chart has drawn content");

    const api = await alice.api.get(`/submissions/${aliceRanked}`);
    const phases = api.runs.map((r) => r.phase);
    assert.deepEqual(phases, ["test", "benchmark", "ranked"]);
    for (const run of api.runs) {
      const card = page.locator(".card", { has: page.locator("h2", { hasText: `${run.phase} run` }) });
      assert.equal(await card.locator("table.cases tbody tr").count(), run.report.cases.length, `${run.phase}: one row per case`);
    }
    const timed = page.locator(".card", { has: page.locator("h2", { hasText: "ranked run" }) }).locator("table.cases tbody tr").first();
    assert.match(await timed.locator("td.num").first().textContent(), /^\d+(\.\d+)? (ns|µs|ms|s)$/, "times read in units");

    assert.match(await page.locator(".card", { hasText: "Compilation" }).textContent(), /succeeded/);
    assert.match(await page.locator("figure.code").textContent(), /output\[i\] \+= input\[i\]/);
    assert.match(await page.locator(".card", { hasText: "Changes" }).textContent(), /first submission/);
    await browser.screenshot(page, "submission");
    await page.context().close();
  });

  test("the problem page shows the leaderboard in rank order, the description, the signature and the template", async () => {
    await bob.api.finished(bobRanked, SUBMISSION_TIMEOUT);
    const board = await server.admin.get(`/problems/${problem}/leaderboard?gpu=cpu`);
    assert.equal(board.entries.length, 2);

    const page = await browser.page(null);
    await browser.open(page, `/problems/${problem}`);
    const rows = page.locator("table.leaderboard tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    for (const [i, entry] of board.entries.entries()) {
      const cells = rows.nth(i).locator("td");
      assert.equal(await cells.nth(0).textContent(), String(entry.rank));
      assert.match(await cells.nth(1).textContent(), new RegExp(`^${entry.user} \\(#${entry.submission}\\)$`));
      assert.match(await cells.nth(2).textContent(), /^\d+(\.\d+)? (ns|µs|ms|s)$/);
    }
    const headers = await page.locator("table.leaderboard th").allTextContents();
    assert.deepEqual(headers.slice(-1), ["Submitted"]);
    assert.equal(headers.length, 5 + board.entries[0].cases.length, "one column per benchmark shape");

    assert.match(await page.locator(".markdown").textContent(), /Add input into output/);
    assert.match(await page.locator("pre.signature").textContent(), /void solution\(const float\* input, float\* output, int64_t n\)/);
    const template = await page.locator("a", { hasText: "Download template" }).getAttribute("href");
    assert.match(await (await fetch(new URL(template, server.url))).text(), /extern "C" void solution/);
    await browser.screenshot(page, "problem");
    await page.context().close();
  });

  test("on a phone's screen the problem page fits its width; wide tables scroll inside their cards", async () => {
    const page = await browser.page(null, { width: 390, height: 844 });
    await browser.open(page, `/problems/${problem}`);
    await page.locator("table.leaderboard tbody tr").first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling of the page");
    await browser.screenshot(page, "problem-phone");
    await page.context().close();
  });

  test("a submission made with the problem page's form shows the diff against the same user's previous one", async () => {
    const page = await browser.page(alice.token);
    await browser.open(page, `/problems/${problem}`);
    await page.fill('textarea[name="code"]', wrong);
    await page.fill('input[name="file-name"]', "twice.cpp");
    await page.selectOption('select[name="mode"]', "test");
    await page.fill('input[name="note"]', "adds twice");
    await page.click('form button:has-text("Submit")');
    await page.waitForURL(/#\/submissions\/\d+$/);
    aliceSecond = Number(page.url().match(/(\d+)$/)[1]);
    assert.equal((await alice.api.get(`/submissions/${aliceSecond}`)).submission.note, "adds twice");
    const diff = page.locator("figure.diff");
    await diff.waitFor();
    assert.match(await diff.locator("figcaption").textContent(), new RegExp(`#${aliceRanked} adds.cpp → #${aliceSecond} twice.cpp`));
    assert.ok((await diff.locator("tr.add").count()) > 0 && (await diff.locator("tr.del").count()) > 0);
    assert.match((await diff.locator("tr.add").allTextContents()).join("\n"), /output\[i\] \+= 2 \* input\[i\]/);
    await page.locator('.submission[data-status="done"]').waitFor({ timeout: SUBMISSION_TIMEOUT });
    await browser.screenshot(page, "submission-diff");
    await page.context().close();
  });

  test("the user page lists the submissions with their notes and charts the best score over time", async () => {
    const page = await browser.page(alice.token);
    await browser.open(page, "/users/alice");
    const rows = page.locator("table.history tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).textContent(), /adds twice/);
    assert.match(await rows.nth(0).textContent(), /wrong answer/);
    assert.match(await rows.nth(1).textContent(), /adds into the output/);
    assert.match(await rows.nth(1).textContent(), /ranked/);
    assert.ok((await paintedPixels(page.locator(".chart canvas"))) > 1000, "the chart has drawn content");
    await browser.screenshot(page, "user");
    await page.context().close();
  });

  test("another competitor cannot read the code before the deadline, and can after it", async () => {
    const page = await browser.page(bob.token);
    await browser.open(page, `/submissions/${aliceRanked}`);
    const refusal = await page.locator('[role="alert"]').textContent();
    const api = await bob.api.get(`/submissions/${aliceRanked}`).catch((e) => e);
    assert.equal(api.status, 403);
    assert.equal(refusal, api.body.error.message, "the page says why, in the server's words");
    assert.equal(await page.locator("figure.code").count(), 0);
    await browser.screenshot(page, "submission-code-hidden");

    await server.admin.patch(`/problems/${problem}`, { deadline: Date.now() - 1000 });
    await page.reload();
    await page.locator("figure.code").waitFor();
    assert.match(await page.locator("figure.code").textContent(), /output\[i\] \+= input\[i\]/);
    await page.context().close();
  });

  test("an admin adds a user, makes and revokes a token, and disqualifies and reruns submissions", async () => {
    const page = await browser.page(server.adminToken);
    await browser.open(page, "/admin?tab=users");
    await page.fill('input[name="user-name"]', "dave");
    await page.click('button:has-text("Add user")');
    await page.locator("table.users tr.selected", { hasText: "dave" }).waitFor();
    await page.fill('input[name="token-label"]', "laptop");
    await page.click('button:has-text("Create token")');
    const token = (await page.locator("code.token").textContent()).trim();
    assert.equal((await server.client(token).get("/me")).name, "dave");
    await browser.screenshot(page, "admin-users");
    await page.click('table.tokens button:has-text("Revoke")');
    await page.locator("table.tokens .badge", { hasText: "revoked" }).waitFor();
    await assert.rejects(server.client(token).get("/me"), (e) => e.status === 401);

    await browser.open(page, "/admin?tab=problems");
    await page.locator(`tr[data-problem="${problem}"] .countdown.closed`).waitFor();
    await browser.screenshot(page, "admin-problems");

    await browser.open(page, "/admin?tab=submissions");
    await page.click(`tr[data-submission="${bobRanked}"] button:has-text("Disqualify")`);
    await page.locator(`tr[data-submission="${bobRanked}"] .badge`, { hasText: "disqualified" }).waitFor();
    const board = await server.admin.get(`/problems/${problem}/leaderboard?gpu=cpu`);
    assert.deepEqual(board.entries.map((e) => e.user), ["alice"]);
    await browser.screenshot(page, "admin-submissions");

    await browser.open(page, `/submissions/${aliceSecond}`);
    await page.locator('.submission[data-status="done"]').waitFor();
    await page.click('button:has-text("Rerun")');
    await page.locator('.submission:not([data-status="done"])').waitFor();
    await page.locator('.submission[data-status="done"]').waitFor({ timeout: SUBMISSION_TIMEOUT });
    assert.equal(await page.locator(".submission").getAttribute("data-verdict"), "wrong_answer");
    const audit = await server.admin.get("/audit?limit=20");
    assert.ok(audit.some((a) => a.action === "submission.rerun" && a.detail.submission === aliceSecond), "the rerun is in the audit log");
    await page.context().close();
  });

  test("an admin creates a competition from the admin page", async () => {
    const page = await browser.page(server.adminToken);
    await browser.open(page, "/admin?tab=competitions");
    await page.fill('input[name="competition-slug"]', "spring");
    await page.fill('input[name="competition-title"]', "Spring sums");
    await page.check(`label.check:has-text("${problem}") input`);
    await page.fill('input[name="competition-gpus"]', "cpu");
    await page.click('button:has-text("Create competition")');
    await page.locator("td a", { hasText: "Spring sums" }).waitFor();
    const made = await server.admin.get("/competitions/spring");
    assert.deepEqual([made.title, made.problems, made.gpus], ["Spring sums", [problem], ["cpu"]]);
    await browser.screenshot(page, "admin-competitions");
    await page.context().close();
  });

  test("an API error is shown with the server's own message", async () => {
    const page = await browser.page(null);
    await browser.open(page, "/problems/cpu/no-such-problem");
    const message = await page.locator('[role="alert"]').textContent();
    const api = await fetch(`${server.url}/api/v1/problems/cpu/no-such-problem`).then((r) => r.json());
    assert.equal(message, api.error.message);
    await page.context().close();
  });
});
