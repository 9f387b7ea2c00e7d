// Hash routing: every page's address lives after the "#" ("#/problems/cpu/vector-sum?gpu=H100"), so the
// server only serves static files and the API, and any page can be bookmarked or reloaded.
import { useEffect, useState } from "preact/hooks";

export interface Location {
  path: string; // "/problems/cpu/vector-sum"
  query: URLSearchParams;
}

export function currentLocation(): Location {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?", 2);
  return { path: path || "/", query: new URLSearchParams(search) };
}

export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ""}`;
}

export function navigate(path: string, query: Record<string, string | undefined> = {}): void {
  window.location.hash = href(path, query);
}

// The address of a problem, a submission or a user page.
export const links = {
  home: () => href("/"),
  problem: (slug: string, gpu?: string) => href(`/problems/${slug}`, { gpu }),
  competition: (slug: string) => href(`/competitions/${encodeURIComponent(slug)}`),
  submission: (id: number) => href(`/submissions/${id}`),
  user: (name: string) => href(`/users/${encodeURIComponent(name)}`),
  admin: () => href("/admin"),
  signIn: (next?: string) => href("/sign-in", { next }),
};

export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  // A new page starts at its top; a new query (a filter) keeps the reader where they are.
  useEffect(() => window.scrollTo(0, 0), [location.path]);
  return location;
}

// Matches "/problems/:set/:name" against a path; returns the named parts, decoded, or null.
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}
