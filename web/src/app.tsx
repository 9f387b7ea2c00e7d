// The frame of every page (header with navigation and the signed-in user, footer with the server's
// health) and the routes: which page answers which address.
import { api } from "./api/client";
import { ErrorBox } from "./components/ui";
import { AdminPage } from "./pages/admin";
import { CompetitionPage } from "./pages/competition";
import { HomePage } from "./pages/home";
import { ProblemPageView } from "./pages/problem";
import { SignInPage } from "./pages/sign-in";
import { SubmissionPageView } from "./pages/submission";
import { UserPage } from "./pages/user";
import { type Location, links, match, useLocation } from "./router";
import { canOrganize, SessionProvider, useSession } from "./session";
import { useApi } from "./use-api";

function route({ path, query }: Location) {
  let m: Record<string, string> | null;
  if (path === "/") return <HomePage />;
  if ((m = match("/problems/:set/:name", path))) return <ProblemPageView slug={`${m.set}/${m.name}`} gpu={query.get("gpu")} />;
  if ((m = match("/competitions/:slug", path))) return <CompetitionPage slug={m.slug} />;
  if ((m = match("/submissions/:id", path)) && /^\d+$/.test(m.id)) return <SubmissionPageView id={Number(m.id)} />;
  if ((m = match("/users/:name", path))) return <UserPage name={m.name} />;
  if (path === "/admin") return <AdminPage tab={query.get("tab")} />;
  if (path === "/sign-in") return <SignInPage next={query.get("next")} />;
  return <ErrorBox error={`There is no page at ${path}.`} />;
}

function Header() {
  const { me, checking, notice, signOut } = useSession();
  return (
    <header class="site-header">
      <nav class="site-nav">
        <a class="brand" href={links.home()}>
          <span class="logo" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          Podium
        </a>
        <a href={links.home()}>Problems</a>
        {canOrganize(me) && <a href={links.admin()}>Admin</a>}
        <span class="spacer" />
        {me ? (
          <span class="who">
            <a href={links.user(me.name)} class="me">
              {me.name}
            </a>
            <span class="role">{me.role}</span>
            <button type="button" class="link" onClick={signOut}>
              Sign out
            </button>
          </span>
        ) : (
          !checking && <a href={links.signIn()}>Sign in</a>
        )}
      </nav>
      {notice && <div class="notice">{notice}</div>}
    </header>
  );
}

function Footer() {
  const health = useApi(api.health, []);
  return (
    <footer class="site-footer muted small">
      {health.data
        ? `Podium ${health.data.version} · ${health.data.engine} store · ${health.data.workers.length ? health.data.workers.map((w) => `${w.name} (${w.gpus.join(", ")})`).join(", ") : "no workers seen yet"}`
        : health.error
          ? `Server unreachable: ${health.error.message}`
          : ""}
    </footer>
  );
}

function Routes() {
  const location = useLocation();
  // Keyed by path: a new page starts from nothing instead of showing the last page's data.
  return <main key={location.path}>{route(location)}</main>;
}

export function App() {
  return (
    <SessionProvider>
      <Header />
      <Routes />
      <Footer />
    </SessionProvider>
  );
}
