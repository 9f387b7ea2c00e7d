// A real `podium serve` for the end-to-end tests: its store, configuration, data and cache in a fresh
// temporary directory, a free port, its own local worker, the problems it is given; the first admin
// made with `podium admin` before it starts; and a small client of its JSON API (docs/api.md) for what
// the tests set up.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class PodiumServer {
  // problems: {"set/name": directory of its problem.yaml}
  constructor({ binary, problems }) {
    this.binary = binary;
    this.root = mkdtempSync(join(tmpdir(), "podium-e2e-"));
    this.problems = join(this.root, "problems");
    for (const [slug, dir] of Object.entries(problems)) cpSync(dir, join(this.problems, slug), { recursive: true });
    this.db = join(this.root, "podium.db");
    this.env = {
      ...process.env,
      PODIUM_CONFIG_DIR: join(this.root, "config"),
      PODIUM_DATA_DIR: join(this.root, "data"),
      PODIUM_CACHE_DIR: join(this.root, "cache"),
    };
    this.log = "";
  }

  // Runs `podium ARGS...` to its end and returns its standard output; throws with its error output.
  podium(...args) {
    try {
      return execFileSync(this.binary, args, { env: this.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      throw new Error(`podium ${args.join(" ")} failed (${e.status}): ${e.stderr || e.message}`);
    }
  }

  // Makes the admin, starts the server and waits until it answers; `url` is its address then.
  async start() {
    this.podium("admin", "user", "add", "root", "--role", "admin", "--db", this.db);
    this.adminToken = this.podium("admin", "token", "create", "root", "--label", "e2e", "--db", this.db).trim();
    this.process = spawn(
      this.binary,
      ["serve", "--listen", "127.0.0.1:0", "--db", this.db, "--problems", this.problems, "--rate-limit", "0"],
      { env: this.env, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.process.stdout.setEncoding("utf8");
    this.process.stderr.setEncoding("utf8");
    this.process.stderr.on("data", (text) => (this.log += text));
    this.url = await new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`podium serve did not say where it serves within 30 s:\n${out}${this.log}`)), 30_000);
      this.process.stdout.on("data", (text) => {
        out += text;
        this.log += text;
        const found = out.match(/podium serving (http:\/\/\S+)/);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      this.process.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`podium serve exited (${code}) before serving:\n${this.log}`));
      });
    });
    this.admin = this.client(this.adminToken);
    await this.admin.get("/health");
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once("exit", resolve));
      this.process.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (this.process.exitCode === null) this.process.kill("SIGKILL");
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  client(token) {
    return new ApiClient(this.url, token);
  }

  // A user with the role and a token of their own, made through the API as the admin.
  async addUser(name, role = "competitor") {
    await this.admin.post("/users", { name, role });
    const { token } = await this.admin.post(`/users/${name}/tokens`, { label: "e2e" });
    return { name, token, api: this.client(token) };
  }
}

export class ApiError extends Error {
  constructor(status, body) {
    super(`${status}: ${body?.error?.message ?? JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export class ApiClient {
  constructor(url, token) {
    this.url = url;
    this.token = token;
  }

  async call(method, path, body) {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed;
  }

  get(path) {
    return this.call("GET", path);
  }
  post(path, body) {
    return this.call("POST", path, body);
  }
  patch(path, body) {
    return this.call("PATCH", path, body);
  }

  // Polls a submission until its job finished; returns its page (GET /submissions/{id}).
  async finished(id, timeoutMs = 90_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.get(`/submissions/${id}`);
      if (page.submission.status === "done" || page.submission.status === "failed") return page;
      if (Date.now() > until) throw new Error(`submission ${id} still ${page.submission.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
