// A submission's page: its live progress while it runs, then its verdict, the time of each shape against
// the speed of light, every case of every phase, the compiler's output and register report, the code
// (where the API returns it) and what changed since the same user's previous submission to the problem.
import { useMemo } from "preact/hooks";
import { api } from "../api/client";
import type { CaseResult, CompileReport, ProgressEvent, Run, Submission } from "../api/types";
import { type CaseTime, caseChart, ChartCanvas } from "../components/chart";
import { CodeView } from "../components/code-view";
import { DiffView } from "../components/diff-view";
import { ActionButton, Card, ErrorBox, Loading, PageError, ProblemLink, SolBar, SubmissionLink, TableWrap, UserLink, VerdictBadge, When } from "../components/ui";
import { formatBytes, formatPercent, formatSeconds, plural } from "../format";
import { type LiveState, useLiveSubmission } from "../live";
import { useSession } from "../session";
import { useApi } from "../use-api";

const isFinished = (s: Submission) => s.status === "done" || s.status === "failed";

export function SubmissionPageView({ id }: { id: number }) {
  const page = useApi(() => api.submission(id), [id]);
  const running = page.data !== undefined && !isFinished(page.data.submission);
  const live = useLiveSubmission(id, running, page.reload);

  if (page.error && !page.data) return <PageError title={`Submission #${id}`} error={page.error} />;
  if (!page.data) return <Loading what={`Loading submission #${id}`} />;
  const { submission, runs, code } = page.data;
  return (
    <div class="submission" data-status={submission.status} data-verdict={submission.verdict}>
      <SubmissionHeader submission={submission} />
      <ErrorBox error={page.error} />
      {running && <LiveProgress submission={submission} live={live} />}
      {submission.message && <p class={`message ${submission.verdict === "accepted" ? "" : "error"}`}>{submission.message}</p>}
      <TimesChart runs={runs} />
      {runs.map((run) => (
        <RunCard run={run} key={run.phase} />
      ))}
      <CompileCard runs={runs} />
      <CodeCard submission={submission} code={code ?? null} />
      <AdminActions submission={submission} reload={page.reload} />
    </div>
  );
}

function SubmissionHeader({ submission: s }: { submission: Submission }) {
  return (
    <header class="page-head">
      <div>
        <p class="crumbs">
          <ProblemLink slug={s.problem} gpu={s.gpu} /> / submission
        </p>
        <h1>
          Submission #{s.id} <VerdictBadge submission={s} />
        </h1>
        <p class="muted">
          by <UserLink name={s.user} /> · {s.mode} on {s.gpu} · <span class="mono">{s.file_name}</span> · <When ms={s.created_at} />
        </p>
        {s.note && <p class="note">“{s.note}”</p>}
      </div>
      <dl class="stats">
        <div>
          <dt>Score</dt>
          <dd class="score">{formatSeconds(s.score_seconds)}</dd>
        </div>
        <div>
          <dt>Speed of light</dt>
          <dd>
            <SolBar fraction={s.sol_fraction} />
          </dd>
        </div>
        <div>
          <dt>Leaderboard</dt>
          <dd>{s.disqualified ? "disqualified" : s.counts ? "counts" : s.mode === "leaderboard" && isFinished(s) ? "does not count" : "–"}</dd>
        </div>
      </dl>
    </header>
  );
}

// What the worker is doing now, in words: "Phase 2 of 3 (benchmark): case 1 of 2, n=100000".
function describeProgress(p: ProgressEvent): string {
  const phase = `Phase ${p.phase_index} of ${p.phases} (${p.phase})`;
  if (p.event === "compiling") return `${phase}: compiling the ${String(p.what ?? "code")}`;
  if (p.of === undefined) return `${phase}: ${p.event.replace(/_/g, " ")}`;
  const which = `case ${(p.index ?? 0) + 1} of ${p.of}${p.name ? `, ${p.name}` : ""}`;
  return `${phase}: ${which}${p.event === "case_done" ? " done" : ""}`;
}

// How far the job is, from 0 to 1: finished phases, plus the finished share of the current one.
function progressFraction(p: ProgressEvent | null): number {
  if (!p) return 0;
  const inPhase = p.of ? ((p.index ?? 0) + (p.event === "case_done" ? 1 : 0)) / p.of : 0;
  return Math.min(1, (p.phase_index - 1 + inPhase) / Math.max(1, p.phases));
}

function LiveProgress({ submission, live }: { submission: Submission; live: LiveState }) {
  const status = live.status?.status ?? submission.status;
  const queued = status === "queued";
  const ahead = live.status?.queue_position;
  return (
    <Card title="Live progress">
      <div class="live" aria-live="polite">
        <p class="live-status">
          <span class={`pulse ${live.connected ? "on" : ""}`} />
          {queued
            ? `Queued${ahead !== null && ahead !== undefined ? `: ${plural(ahead, "job")} ahead` : ""}`
            : live.progress
              ? describeProgress(live.progress)
              : "Running"}
        </p>
        <progress max={1} value={queued ? 0 : progressFraction(live.progress)} />
        {live.finishedCases.length > 0 && (
          <ul class="live-cases">
            {live.finishedCases.map((c) => (
              <li key={`${c.phase}-${c.index}`} class={c.passed ? "ok" : "bad"}>
                {c.passed ? "✓" : "✗"} {c.phase} · {c.name}
                {typeof c.mean_seconds === "number" && <span class="muted"> · {formatSeconds(c.mean_seconds)}</span>}
                {!c.passed && c.message ? <span> · {String(c.message)}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <ErrorBox error={live.error} title="Live progress" />
      </div>
    </Card>
  );
}

// The timed phase whose times stand for the submission: the ranked run of a leaderboard submission, else
// its benchmark run.
function timedRun(runs: Run[]): Run | undefined {
  return runs.find((r) => r.phase === "ranked" && r.report) ?? runs.find((r) => r.phase === "benchmark" && r.report);
}

function TimesChart({ runs }: { runs: Run[] }) {
  const run = timedRun(runs);
  const cases: CaseTime[] = useMemo(
    () =>
      (run?.report?.cases ?? [])
        .filter((c) => c.timing)
        .map((c) => ({ name: c.name, seconds: c.timing!.summary.mean, sol_seconds: c.sol_seconds ?? null })),
    [run],
  );
  const config = useMemo(() => caseChart(cases), [cases]);
  if (cases.length === 0) return null;
  return (
    <Card title={`Time per shape (${run!.phase} run)`}>
      <ChartCanvas config={config} label="time of each shape against its speed of light" />
    </Card>
  );
}

function RunCard({ run }: { run: Run }) {
  const cases = run.report?.cases ?? [];
  const timed = cases.some((c) => c.timing);
  return (
    <Card
      title={
        <>
          {run.phase} run <span class={`badge ${run.verdict === "accepted" ? "good" : "bad"}`}>{run.verdict.replace(/_/g, " ")}</span>
        </>
      }
      actions={
        <span class="muted small">
          {run.device}
          {run.driver && ` · driver ${run.driver}`}
          {run.score_seconds !== null && ` · score ${formatSeconds(run.score_seconds)}`}
        </span>
      }
    >
      {run.message && <p class="muted">{run.message}</p>}
      {cases.length > 0 && (
        <TableWrap>
          <table class="cases">
            <thead>
              <tr>
                <th>Case</th>
                <th>Result</th>
                {timed && (
                  <>
                    <th class="num">Mean</th>
                    <th class="num">Median</th>
                    <th class="num">± (rel. s.e.)</th>
                    <th class="num">Samples</th>
                    <th class="num">Speed of light</th>
                    <th>% of SoL</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <CaseRow c={c} timed={timed} key={`${c.set}-${c.index}`} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}

function CaseRow({ c, timed }: { c: CaseResult; timed: boolean }) {
  const t = c.timing?.summary;
  return (
    <tr class={c.passed ? "" : "failed"}>
      <td class="mono">
        {c.set} {c.index + 1}: {c.name}
      </td>
      <td>
        {c.passed ? <span class="ok">passed</span> : <span class="bad">{c.message || "failed"}</span>}
        {c.faster_than_light && <span class="badge bad">faster than light</span>}
      </td>
      {timed && (
        <>
          <td class="num strong">{formatSeconds(t?.mean)}</td>
          <td class="num">{formatSeconds(t?.median)}</td>
          <td class="num">{t ? formatPercent(t.rel_std_error) : "–"}</td>
          <td class="num">{t?.count ?? "–"}</td>
          <td class="num">{formatSeconds(c.sol_seconds)}</td>
          <td>
            <SolBar fraction={t && c.sol_seconds ? c.sol_seconds / t.mean : null} />
          </td>
        </>
      )}
    </tr>
  );
}

// The compile report of the first run that has one: every phase compiles the same code.
function CompileCard({ runs }: { runs: Run[] }) {
  const compile: CompileReport | undefined = runs.find((r) => r.report?.compile)?.report?.compile;
  if (!compile) return null;
  return (
    <Card
      title="Compilation"
      actions={
        <span class="muted small">
          {compile.ok ? "succeeded" : compile.timed_out ? "timed out" : "failed"} in {formatSeconds(compile.seconds)}
          {compile.cached && " (cached)"}
        </span>
      }
    >
      {compile.summary && <p class="error">{compile.summary}</p>}
      {compile.kernels.length > 0 ? (
        <TableWrap>
          <table class="kernels">
            <thead>
              <tr>
                <th>Kernel</th>
                <th class="num">Registers</th>
                <th class="num">Shared</th>
                <th class="num">Stack</th>
                <th class="num">Spill stores</th>
                <th class="num">Spill loads</th>
              </tr>
            </thead>
            <tbody>
              {compile.kernels.map((k) => (
                <tr key={k.name}>
                  <td class="mono small">{k.name}</td>
                  <td class="num">{k.registers}</td>
                  <td class="num">{formatBytes(k.shared_bytes)}</td>
                  <td class="num">{formatBytes(k.stack_bytes)}</td>
                  <td class={`num ${k.spill_store_bytes ? "bad" : ""}`}>{formatBytes(k.spill_store_bytes)}</td>
                  <td class={`num ${k.spill_load_bytes ? "bad" : ""}`}>{formatBytes(k.spill_load_bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted small">No register report (the compiler reports one for CUDA kernels).</p>
      )}
      <details>
        <summary>Command</summary>
        <pre class="output">{compile.command}</pre>
      </details>
      {compile.diagnostics ? (
        <details open={!compile.ok}>
          <summary>Compiler output</summary>
          <pre class="output">{compile.diagnostics}</pre>
        </details>
      ) : (
        <p class="muted small">The compiler printed nothing.</p>
      )}
    </Card>
  );
}

// The API returns the code to whoever may read the submission: its author, organizers and admins, and
// everyone once the problem's deadline has passed.
function CodeCard({ submission: s, code }: { submission: Submission; code: string | null }) {
  if (code === null) return null;
  return (
    <>
      <Card title="Code">
        <CodeView code={code} name={s.file_name} />
      </Card>
      <PreviousDiff submission={s} code={code} />
    </>
  );
}

// The same user's submission to the same problem just before this one, and what changed since.
function PreviousDiff({ submission: s, code }: { submission: Submission; code: string }) {
  const previous = useApi(async () => {
    const [before] = await api.submissions({ user: s.user, problem: s.problem, before: s.id, limit: 1 });
    return before ? api.submission(before.id) : null;
  }, [s.id]);
  if (previous.error) return <ErrorBox error={previous.error} title="Previous submission" />;
  if (previous.data === undefined) return null;
  const p = previous.data;
  return (
    <Card title={p ? <>Changes since <SubmissionLink id={p.submission.id} /></> : "Changes"}>
      {!p && <p class="muted">This is {s.user}'s first submission to {s.problem}.</p>}
      {p && p.code != null && (
        <>
          {p.submission.note && <p class="muted small">Previous note: “{p.submission.note}”</p>}
          <DiffView before={p.code} after={code} beforeName={`#${p.submission.id} ${p.submission.file_name}`} afterName={`#${s.id} ${s.file_name}`} />
        </>
      )}
    </Card>
  );
}

function AdminActions({ submission: s, reload }: { submission: Submission; reload: () => void }) {
  const { me } = useSession();
  if (me?.role !== "admin") return null;
  return (
    <Card title="Admin">
      <div class="row">
        <ActionButton onClick={() => api.rerun(s.id).then(reload)} confirm={`Run submission #${s.id} again?`}>
          Rerun
        </ActionButton>
        <ActionButton
          kind={s.disqualified ? "" : "danger"}
          onClick={() => api.disqualify(s.id, !s.disqualified).then(reload)}
          confirm={s.disqualified ? undefined : `Disqualify submission #${s.id}? It leaves the leaderboard.`}
        >
          {s.disqualified ? "Reinstate" : "Disqualify"}
        </ActionButton>
      </div>
    </Card>
  );
}
