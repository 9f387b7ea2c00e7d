// Where the signed-in user's API token lives: this browser's localStorage, under one key. Only the token
// is kept; who it belongs to is asked of the server (GET /me) each time the app starts.
const KEY = "podium.token";

export function storedToken(): string | null {
  return localStorage.getItem(KEY);
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
}
