// The small pieces every page is made of: error and loading states, verdict badges, the speed-of-light
// bar, live countdowns, dates, and links to problems, users and submissions.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import type { Submission } from "../api/types";
import { formatCountdown, formatDate, formatPercent, formatRelative, verdictLabel } from "../format";
import { links } from "../router";

export function ErrorBox({ error, title }: { error: ApiError | Error | string | null; title?: string }) {
  if (!error) return null;
  const message = typeof error === "string" ? error : error.message;
  return (
    <div class="error" role="alert">
      {title && <strong>{title}: </strong>}
      {message}
    </div>
  );
}

// A page that could not be shown: its title, and why not in the server's words.
export function PageError({ title, error }: { title: string; error: ApiError | Error | string }) {
  return (
    <>
      <header class="page-head">
        <h1>{title}</h1>
      </header>
      <ErrorBox error={error} />
    </>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return <p class="muted loading">{what}…</p>;
}

export function Card({ title, actions, children, id }: { title?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" id={id}>
      {(title || actions) && (
        <header class="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

// Tables scroll sideways on narrow screens instead of squeezing their numbers.
export function TableWrap({ children }: { children: ComponentChildren }) {
  return <div class="table-wrap">{children}</div>;
}

// A submission's state in one badge: its verdict once done, else its status.
export function VerdictBadge({ submission }: { submission: Pick<Submission, "status" | "verdict" | "disqualified"> }) {
  if (submission.disqualified) return <span class="badge bad">disqualified</span>;
  if (submission.status === "queued" || submission.status === "running") {
    return <span class={`badge live ${submission.status}`}>{submission.status}</span>;
  }
  const verdict = submission.verdict || submission.status;
  return <span class={`badge ${verdict === "accepted" ? "good" : "bad"}`}>{verdictLabel(verdict)}</span>;
}

// The share of the speed of light a time reaches, as a number and a bar.
export function SolBar({ fraction }: { fraction: number | null | undefined }) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return <span class="muted">–</span>;
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <span class="sol" title={`${(fraction * 100).toFixed(2)}% of the speed of light`}>
      <span class="sol-bar">
        <span class="sol-fill" style={{ width: `${width}%` }} />
      </span>
      <span class="num">{formatPercent(fraction)}</span>
    </span>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

// A deadline that ticks down every second, and says "closed" once it passed.
export function Countdown({ deadline }: { deadline: number | null }) {
  const now = useNow(1000);
  if (deadline === null) return <span class="muted">no deadline</span>;
  const left = deadline - now;
  return (
    <span class={`countdown ${left <= 0 ? "closed" : left < 86_400_000 ? "soon" : ""}`} title={formatDate(deadline)}>
      {left <= 0 ? `closed ${formatRelative(deadline, now)}` : `${formatCountdown(left)} left`}
    </span>
  );
}

export function When({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined) return <span class="muted">–</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatRelative(ms)}>
      {formatDate(ms)}
    </time>
  );
}

export const UserLink = ({ name }: { name: string }) => <a href={links.user(name)}>{name}</a>;
export const ProblemLink = ({ slug, gpu }: { slug: string; gpu?: string }) => <a href={links.problem(slug, gpu)}>{slug}</a>;
export const SubmissionLink = ({ id }: { id: number }) => <a href={links.submission(id)}>#{id}</a>;

export function GpuTags({ gpus }: { gpus: string[] }) {
  return (
    <span class="tags">
      {gpus.map((gpu) => (
        <span class="tag" key={gpu}>
          {gpu}
        </span>
      ))}
    </span>
  );
}

// A button that runs an action, shows that it is busy, and reports the action's error beside it.
export function ActionButton({
  onClick,
  children,
  kind = "",
  confirm,
}: {
  onClick: () => Promise<unknown>;
  children: ComponentChildren;
  kind?: string;
  confirm?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async () => {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setError(null);
    try {
      await onClick();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="action">
      <button type="button" class={kind} disabled={busy} onClick={run}>
        {children}
      </button>
      {error && (
        <span class="inline-error" role="alert">
          {error.message}
        </span>
      )}
    </span>
  );
}
