// Signing in with an API token (made by `podium admin token create USER` or on the admin page). The token
// is checked with GET /me before it is kept in this browser.
import { useState } from "preact/hooks";
import { Card, ErrorBox } from "../components/ui";
import { navigate } from "../router";
import { useSession } from "../session";

export function SignInPage({ next }: { next: string | null }) {
  const { me, signIn, signOut } = useSession();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
      navigate(next ?? "/");
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <Card title="Sign in">
        {me && (
          <p>
            Signed in as <strong>{me.name}</strong> ({me.role}).{" "}
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </p>
        )}
        <form class="form" onSubmit={submit}>
          <label>
            API token
            <input
              name="token"
              type="password"
              autocomplete="current-password"
              value={token}
              onInput={(e) => setToken(e.currentTarget.value)}
              required
              placeholder="paste your token"
            />
          </label>
          <p class="muted small">
            Ask an organizer for a token, or make one with <code>podium admin token create NAME</code>. It stays in this browser
            until you sign out.
          </p>
          <ErrorBox error={error} title="Sign-in failed" />
          <button type="submit" class="primary" disabled={busy || !token.trim()}>
            Sign in
          </button>
        </form>
      </Card>
    </div>
  );
}
