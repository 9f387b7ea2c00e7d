// A user's page: every submission they made (newest first, with the note saying what changed) and, per
// problem and GPU, how their best leaderboard score improved over time.
import { useMemo } from "preact/hooks";
import { api } from "../api/client";
import type { Submission } from "../api/types";
import { ChartCanvas, type ScoreSeries, scoreHistoryChart } from "../components/chart";
import { Card, ErrorBox, Loading, ProblemLink, SolBar, SubmissionLink, TableWrap, VerdictBadge, When } from "../components/ui";
import { formatSeconds, plural } from "../format";
import { useApi } from "../use-api";

const PAGE = 100;
const MOST = 1000; // submissions read for one page; older ones are left out of the history and the chart

// All of a user's submissions the caller may see, newest first, page by page (GET /submissions pages with
// `before`).
async function history(user: string): Promise<Submission[]> {
  const all: Submission[] = [];
  for (;;) {
    const page = await api.submissions({ user, limit: PAGE, before: all.length ? all[all.length - 1].id : undefined });
    all.push(...page);
    if (page.length === 0 || all.length >= MOST) return all;
  }
}

// For each problem and GPU, the points where the user's best counting score improved.
function bestScoreSeries(submissions: Submission[]): ScoreSeries[] {
  const series = new Map<string, ScoreSeries>();
  const oldestFirst = [...submissions].sort((a, b) => a.created_at - b.created_at);
  for (const s of oldestFirst) {
    if (!s.counts || s.disqualified || s.score_seconds === null) continue;
    const label = `${s.problem} (${s.gpu})`;
    const line = series.get(label) ?? { label, points: [] };
    const best = line.points.length ? line.points[line.points.length - 1].seconds : Infinity;
    if (s.score_seconds < best) line.points.push({ at: s.created_at, seconds: s.score_seconds, submission: s.id });
    series.set(label, line);
  }
  return [...series.values()];
}

export function UserPage({ name }: { name: string }) {
  const submissions = useApi(() => history(name), [name]);
  const series = useMemo(() => bestScoreSeries(submissions.data ?? []), [submissions.data]);
  const chart = useMemo(() => scoreHistoryChart(series), [series]);
  return (
    <>
      <header class="page-head">
        <div>
          <p class="crumbs">Users</p>
          <h1>{name}</h1>
          {submissions.data && <p class="muted">{plural(submissions.data.length, "submission")}</p>}
        </div>
      </header>
      <ErrorBox error={submissions.error} />
      {submissions.loading && !submissions.data && <Loading what="Loading submissions" />}
      {submissions.data && (
        <>
          <Card title="Best score over time">
            {series.length ? (
              <ChartCanvas config={chart} label={`best leaderboard score of ${name} over time, per problem`} />
            ) : (
              <p class="muted">No leaderboard submission of {name} has counted yet.</p>
            )}
          </Card>
          <Card title="Submissions">
            <HistoryTable submissions={submissions.data} />
          </Card>
        </>
      )}
    </>
  );
}

function HistoryTable({ submissions }: { submissions: Submission[] }) {
  if (submissions.length === 0) return <p class="muted">No submissions yet.</p>;
  return (
    <TableWrap>
      <table class="history">
        <thead>
          <tr>
            <th>#</th>
            <th>Submitted</th>
            <th>Problem</th>
            <th>Mode</th>
            <th>Result</th>
            <th class="num">Score</th>
            <th>% of SoL</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <tr key={s.id}>
              <td>
                <SubmissionLink id={s.id} />
              </td>
              <td>
                <When ms={s.created_at} />
              </td>
              <td>
                <ProblemLink slug={s.problem} gpu={s.gpu} /> <span class="muted small">{s.gpu}</span>
              </td>
              <td>{s.mode}</td>
              <td>
                <VerdictBadge submission={s} />
                {s.counts && !s.disqualified && <span class="badge ranked" title="on the leaderboard">ranked</span>}
              </td>
              <td class="num">{formatSeconds(s.score_seconds)}</td>
              <td>
                <SolBar fraction={s.sol_fraction} />
              </td>
              <td class="note-cell">{s.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
