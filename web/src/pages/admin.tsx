// Administration: users and their tokens (admins), problems' deadlines and competitions (organizers and
// admins), reruns and disqualifications of submissions and the audit log (admins). Every action is one
// call of the documented API; its error, if any, is shown beside the button or form that caused it.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api/client";
import type { NewToken, ProblemSummary, Role, Submission, User } from "../api/types";
import { ActionButton, Card, Countdown, ErrorBox, GpuTags, Loading, ProblemLink, SubmissionLink, TableWrap, UserLink, VerdictBadge, When } from "../components/ui";
import { formatSeconds } from "../format";
import { href, links } from "../router";
import { canOrganize, useSession } from "../session";
import { useApi } from "../use-api";

const TABS = [
  { id: "users", title: "Users and tokens", admin: true },
  { id: "problems", title: "Problems", admin: false },
  { id: "competitions", title: "Competitions", admin: false },
  { id: "submissions", title: "Submissions", admin: true },
  { id: "audit", title: "Audit log", admin: true },
];

export function AdminPage({ tab }: { tab: string | null }) {
  const { me, checking } = useSession();
  if (checking) return <Loading what="Checking who you are" />;
  if (!canOrganize(me)) {
    return (
      <ErrorBox
        error={
          me
            ? `${me.name} is a ${me.role}: administration is for organizers and admins.`
            : "Sign in with an organizer's or an admin's token to manage Podium."
        }
      />
    );
  }
  const tabs = TABS.filter((t) => me!.role === "admin" || !t.admin);
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Administration</h1>
          <nav class="segmented" aria-label="sections">
            {tabs.map((t) => (
              <a key={t.id} href={href("/admin", { tab: t.id })} class={t.id === current.id ? "selected" : ""} aria-current={t.id === current.id ? "page" : undefined}>
                {t.title}
              </a>
            ))}
          </nav>
        </div>
      </header>
      {current.id === "users" && <UsersSection />}
      {current.id === "problems" && <ProblemsSection />}
      {current.id === "competitions" && <CompetitionsSection />}
      {current.id === "submissions" && <SubmissionsSection />}
      {current.id === "audit" && <AuditSection />}
    </>
  );
}

// A form whose submit button runs `action`, shows it busy and shows its error.
function Form({ action, children, submit }: { action: () => Promise<unknown>; children: ComponentChildren; submit: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={onSubmit}>
      <div class="row">
        {children}
        <button type="submit" class="primary" disabled={busy}>
          {submit}
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

function UsersSection() {
  const users = useApi(api.users, []);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("competitor");
  const [selected, setSelected] = useState<string | null>(null);
  const create = async () => {
    await api.createUser(name, role);
    setSelected(name);
    setName("");
    users.reload();
  };
  return (
    <div class="columns">
      <Card title="Users">
        <Form action={create} submit="Add user">
          <label>
            Name <input name="user-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required pattern="[A-Za-z0-9_.\-]{1,64}" />
          </label>
          <label>
            Role
            <select name="user-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {["competitor", "organizer", "admin", "worker"].map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
        </Form>
        <ErrorBox error={users.error} />
        {users.data && <UserTable users={users.data} selected={selected} select={setSelected} />}
      </Card>
      {selected ? (
        <TokensCard user={selected} key={selected} />
      ) : (
        <Card title="Tokens">
          <p class="muted">Pick a user to see and manage their tokens.</p>
        </Card>
      )}
    </div>
  );
}

function UserTable({ users, selected, select }: { users: User[]; selected: string | null; select: (name: string) => void }) {
  return (
    <TableWrap>
      <table class="users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} class={u.name === selected ? "selected" : ""}>
              <td>
                <UserLink name={u.name} /> {u.disabled && <span class="badge bad">disabled</span>}
              </td>
              <td>{u.role}</td>
              <td>
                <When ms={u.created_at} />
              </td>
              <td>
                <button type="button" onClick={() => select(u.name)}>
                  Tokens
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function TokensCard({ user }: { user: string }) {
  const tokens = useApi(() => api.tokens(user), [user]);
  const [label, setLabel] = useState("");
  const [created, setCreated] = useState<NewToken | null>(null);
  const create = async () => {
    setCreated(await api.createToken(user, label));
    setLabel("");
    tokens.reload();
  };
  return (
    <Card title={`Tokens of ${user}`}>
      <Form action={create} submit="Create token">
        <label>
          Label <input name="token-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} placeholder="laptop" />
        </label>
      </Form>
      {created && (
        <div class="new-token">
          <p>
            New token for {user}; copy it now, it is not shown again:
          </p>
          <code class="token">{created.token}</code>
          <button type="button" onClick={() => navigator.clipboard?.writeText(created.token)}>
            Copy
          </button>
        </div>
      )}
      <ErrorBox error={tokens.error} />
      {tokens.data && tokens.data.length === 0 && <p class="muted">{user} has no tokens.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <TableWrap>
          <table class="tokens">
            <thead>
              <tr>
                <th>Label</th>
                <th>Prefix</th>
                <th>Created</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id} class={t.revoked ? "revoked" : ""}>
                  <td>{t.label || <span class="muted">–</span>}</td>
                  <td class="mono">{t.prefix}…</td>
                  <td>
                    <When ms={t.created_at} />
                  </td>
                  <td>
                    <When ms={t.last_used_at} />
                  </td>
                  <td>
                    {t.revoked ? (
                      <span class="badge bad">revoked</span>
                    ) : (
                      <ActionButton kind="danger" onClick={() => api.revokeToken(t.id).then(tokens.reload)} confirm={`Revoke token ${t.prefix}… of ${user}?`}>
                        Revoke
                      </ActionButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}

// <input type="datetime-local"> speaks local time without a zone; the API speaks epoch milliseconds.
function toLocalInput(ms: number | null): string {
  if (ms === null) return "";
  const d = new Date(ms);
  return new Date(ms - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromLocalInput(value: string): number | null {
  return value ? new Date(value).getTime() : null;
}

function ProblemsSection() {
  const problems = useApi(api.problems, []);
  return (
    <Card title="Problems">
      <ErrorBox error={problems.error} />
      {!problems.data && !problems.error && <Loading />}
      {problems.data && (
        <TableWrap>
          <table class="admin-problems">
            <thead>
              <tr>
                <th>Problem</th>
                <th>GPUs</th>
                <th>Deadline</th>
                <th>Set the deadline</th>
              </tr>
            </thead>
            <tbody>
              {problems.data.map((p) => (
                <DeadlineRow problem={p} reload={problems.reload} key={p.slug} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}

function DeadlineRow({ problem: p, reload }: { problem: ProblemSummary; reload: () => void }) {
  const [value, setValue] = useState(toLocalInput(p.deadline));
  return (
    <tr data-problem={p.slug}>
      <td>
        <ProblemLink slug={p.slug} />
      </td>
      <td>
        <GpuTags gpus={p.gpus} />
      </td>
      <td>
        <Countdown deadline={p.deadline} />
      </td>
      <td class="row">
        <input type="datetime-local" aria-label={`deadline of ${p.slug}`} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <ActionButton onClick={() => api.setDeadline(p.slug, fromLocalInput(value)).then(reload)}>Set</ActionButton>
        {p.deadline !== null && <ActionButton onClick={() => api.setDeadline(p.slug, null).then(() => (setValue(""), reload()))}>Clear</ActionButton>}
      </td>
    </tr>
  );
}

function CompetitionsSection() {
  const competitions = useApi(api.competitions, []);
  const problems = useApi(api.problems, []);
  const [form, setForm] = useState({ slug: "", title: "", description: "", starts_at: "", deadline: "", gpus: "", problems: [] as string[] });
  const set = (field: keyof typeof form) => (e: Event) => setForm({ ...form, [field]: (e.currentTarget as HTMLInputElement).value });
  const toggle = (slug: string) =>
    setForm({ ...form, problems: form.problems.includes(slug) ? form.problems.filter((s) => s !== slug) : [...form.problems, slug] });
  const create = async () => {
    await api.createCompetition({
      slug: form.slug,
      title: form.title,
      description: form.description,
      starts_at: fromLocalInput(form.starts_at),
      deadline: fromLocalInput(form.deadline),
      problems: form.problems,
      gpus: form.gpus.split(/[\s,]+/).filter(Boolean),
    });
    setForm({ slug: "", title: "", description: "", starts_at: "", deadline: "", gpus: "", problems: [] });
    competitions.reload();
  };
  return (
    <div class="columns">
      <Card title="Competitions">
        <ErrorBox error={competitions.error} />
        {competitions.data && competitions.data.length === 0 && <p class="muted">No competitions yet.</p>}
        {competitions.data && competitions.data.length > 0 && (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th>Competition</th>
                  <th>Problems</th>
                  <th>GPUs</th>
                  <th>Deadline</th>
                </tr>
              </thead>
              <tbody>
                {competitions.data.map((c) => (
                  <tr key={c.slug}>
                    <td>
                      <a href={links.competition(c.slug)}>{c.title}</a>
                    </td>
                    <td>{c.problems.length}</td>
                    <td>
                      <GpuTags gpus={c.gpus} />
                    </td>
                    <td>
                      <Countdown deadline={c.deadline} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <Card title="New competition">
        <Form action={create} submit="Create competition">
          <div class="stack">
            <label>
              Slug <input name="competition-slug" value={form.slug} onInput={set("slug")} required placeholder="spring-2026" />
            </label>
            <label>
              Title <input name="competition-title" value={form.title} onInput={set("title")} required />
            </label>
            <label>
              Description (Markdown) <textarea rows={3} value={form.description} onInput={set("description")} />
            </label>
            <div class="row">
              <label>
                Starts <input type="datetime-local" value={form.starts_at} onInput={set("starts_at")} />
              </label>
              <label>
                Deadline <input type="datetime-local" value={form.deadline} onInput={set("deadline")} />
              </label>
            </div>
            <label>
              GPUs <input name="competition-gpus" value={form.gpus} onInput={set("gpus")} placeholder="H100, cpu" />
            </label>
            <fieldset>
              <legend>Problems</legend>
              <div class="checks">
                {(problems.data ?? []).map((p) => (
                  <label key={p.slug} class="check">
                    <input type="checkbox" checked={form.problems.includes(p.slug)} onChange={() => toggle(p.slug)} /> {p.slug}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </Form>
      </Card>
    </div>
  );
}

function SubmissionsSection() {
  const [filter, setFilter] = useState({ user: "", problem: "" });
  const [applied, setApplied] = useState(filter);
  const submissions = useApi(() => api.submissions({ user: applied.user || undefined, problem: applied.problem || undefined, limit: 50 }), [applied]);
  return (
    <Card title="Submissions">
      <Form action={async () => setApplied(filter)} submit="Filter">
        <label>
          User <input value={filter.user} onInput={(e) => setFilter({ ...filter, user: e.currentTarget.value })} />
        </label>
        <label>
          Problem <input value={filter.problem} onInput={(e) => setFilter({ ...filter, problem: e.currentTarget.value })} placeholder="cpu/vector-sum" />
        </label>
      </Form>
      <ErrorBox error={submissions.error} />
      {submissions.data && <AdminSubmissionTable submissions={submissions.data} reload={submissions.reload} />}
    </Card>
  );
}

function AdminSubmissionTable({ submissions, reload }: { submissions: Submission[]; reload: () => void }) {
  if (submissions.length === 0) return <p class="muted">No submissions.</p>;
  return (
    <TableWrap>
      <table class="admin-submissions">
        <thead>
          <tr>
            <th>#</th>
            <th>User</th>
            <th>Problem</th>
            <th>Mode</th>
            <th>Result</th>
            <th class="num">Score</th>
            <th>Submitted</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <tr key={s.id} data-submission={s.id}>
              <td>
                <SubmissionLink id={s.id} />
              </td>
              <td>
                <UserLink name={s.user} />
              </td>
              <td>
                <ProblemLink slug={s.problem} gpu={s.gpu} />
              </td>
              <td>{s.mode}</td>
              <td>
                <VerdictBadge submission={s} />
              </td>
              <td class="num">{formatSeconds(s.score_seconds)}</td>
              <td>
                <When ms={s.created_at} />
              </td>
              <td class="row">
                <ActionButton onClick={() => api.rerun(s.id).then(reload)}>Rerun</ActionButton>
                <ActionButton kind={s.disqualified ? "" : "danger"} onClick={() => api.disqualify(s.id, !s.disqualified).then(reload)}>
                  {s.disqualified ? "Reinstate" : "Disqualify"}
                </ActionButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function AuditSection() {
  const audit = useApi(() => api.audit(100), []);
  return (
    <Card title="Audit log">
      <ErrorBox error={audit.error} />
      {audit.data && (
        <TableWrap>
          <table class="audit">
            <thead>
              <tr>
                <th>When</th>
                <th>User id</th>
                <th>Action</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <When ms={a.at} />
                  </td>
                  <td class="num">{a.user_id ?? "–"}</td>
                  <td class="mono">{a.action}</td>
                  <td class="mono small">{typeof a.detail === "string" ? a.detail : JSON.stringify(a.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}
