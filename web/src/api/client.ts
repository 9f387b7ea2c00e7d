// The one way the pages talk to the server: typed calls of the documented JSON API (docs/api.md), each
// sent with the signed-in user's token. A failed call throws ApiError carrying the server's own message
// from its {"error": {...}} body, so pages can show people what went wrong and what to do about it.
import type {
  AuditEntry,
  Competition,
  Health,
  Leaderboard,
  Me,
  NewCompetition,
  NewSubmission,
  NewToken,
  ProblemPage,
  ProblemSummary,
  Submission,
  SubmissionPage,
  Token,
  User,
} from "./types";
import { storedToken } from "./token";

export const API_ROOT = "api/v1";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

// A path of the API, from the page's own location (the server serves the UI and the API on one port).
export function apiUrl(path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(`${API_ROOT}${path}`, document.baseURI);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export function authHeaders(token = storedToken()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// The error a response carries: the server's message when the body is the documented error object,
// else the status line and the start of whatever came back (a proxy's page, a crash).
async function errorOf(response: Response, method: string, path: string): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text);
    if (body?.error?.message) return new ApiError(response.status, body.error.code ?? "", body.error.message);
  } catch {
    // not JSON: described below
  }
  const excerpt = text.trim().slice(0, 200);
  return new ApiError(
    response.status,
    "",
    `${method} ${path} failed: ${response.status} ${response.statusText}${excerpt ? ` (${excerpt})` : ""}`,
  );
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  token?: string | null;
  as?: "json" | "text";
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = authHeaders(options.token === undefined ? storedToken() : options.token);
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, "network", `cannot reach the server for ${method} ${path}: ${(e as Error).message}`);
  }
  if (!response.ok) throw await errorOf(response, method, path);
  if (options.as === "text") return (await response.text()) as T;
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// Problem slugs are "set/name": both parts are path segments of their own.
const problemPath = (slug: string) => `/problems/${slug.split("/").map(encodeURIComponent).join("/")}`;

export const api = {
  health: () => request<Health>("/health"),
  me: (token?: string) => request<Me>("/me", { token }),

  problems: () => request<ProblemSummary[]>("/problems"),
  problem: (slug: string) => request<ProblemPage>(problemPath(slug)),
  templateUrl: (slug: string) => apiUrl(`${problemPath(slug)}/template`),
  leaderboard: (slug: string, gpu?: string, limit = 100) =>
    request<Leaderboard>(`${problemPath(slug)}/leaderboard`, { query: { gpu, limit } }),
  setDeadline: (slug: string, deadline: number | null) =>
    request<unknown>(problemPath(slug), { method: "PATCH", body: { deadline } }),

  competitions: () => request<Competition[]>("/competitions"),
  competition: (slug: string) => request<Competition>(`/competitions/${encodeURIComponent(slug)}`),
  createCompetition: (competition: NewCompetition) =>
    request<Competition>("/competitions", { method: "POST", body: competition }),

  submit: (submission: NewSubmission) =>
    request<{ submission: Submission; queue_position: number }>("/submissions", { method: "POST", body: submission }),
  submissions: (filter: { user?: string; problem?: string; limit?: number; before?: number }) =>
    request<Submission[]>("/submissions", { query: filter }),
  submission: (id: number) => request<SubmissionPage>(`/submissions/${id}`),
  eventsUrl: (id: number) => apiUrl(`/submissions/${id}/events`),
  rerun: (id: number) => request<unknown>(`/submissions/${id}/rerun`, { method: "POST", body: {} }),
  disqualify: (id: number, disqualified: boolean) =>
    request<unknown>(`/submissions/${id}/disqualify`, { method: "POST", body: { disqualified } }),

  users: () => request<User[]>("/users"),
  createUser: (name: string, role: string) => request<User>("/users", { method: "POST", body: { name, role } }),
  tokens: (user: string) => request<Token[]>(`/users/${encodeURIComponent(user)}/tokens`),
  createToken: (user: string, label: string) =>
    request<NewToken>(`/users/${encodeURIComponent(user)}/tokens`, { method: "POST", body: { label } }),
  revokeToken: (id: number) => request<unknown>(`/tokens/${id}`, { method: "DELETE" }),
  audit: (limit = 100) => request<AuditEntry[]>("/audit", { query: { limit } }),
};
