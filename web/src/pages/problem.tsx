// A problem's page: what to write (description, C signature, template), how fast it could possibly run
// (speed of light per shape and GPU), who is ahead (the leaderboard of one GPU at a time), and a form to
// submit a solution.
import { useState } from "preact/hooks";
import { api } from "../api/client";
import type { Leaderboard, Mode, ProblemPage } from "../api/types";
import { Markdown } from "../components/markdown";
import { ActionButton, Card, Countdown, ErrorBox, GpuTags, Loading, PageError, SolBar, SubmissionLink, TableWrap, UserLink, When } from "../components/ui";
import { formatSeconds, plural } from "../format";
import { links, navigate } from "../router";
import { useSession } from "../session";
import { useApi } from "../use-api";

export function ProblemPageView({ slug, gpu }: { slug: string; gpu: string | null }) {
  const problem = useApi(() => api.problem(slug), [slug]);
  if (problem.error) return <PageError title={slug} error={problem.error} />;
  if (!problem.data) return <Loading what="Loading the problem" />;
  const p = problem.data;
  const selectedGpu = gpu && p.gpus.includes(gpu) ? gpu : p.gpus[0];
  const extension = p.backend === "cuda" ? "cu" : "cpp";
  return (
    <>
      <header class="page-head">
        <div>
          <p class="crumbs">
            <a href={links.home()}>Problems</a> / <span class="mono">{p.slug}</span>
          </p>
          <h1>{p.title}</h1>
          <p class="muted">
            {p.backend.toUpperCase()} · ranked by {p.ranking} · version {p.version} · {plural(p.competitors, "competitor")} · <GpuTags gpus={p.gpus} />
          </p>
        </div>
        <div class="deadline-box">
          <span class="muted small">Deadline</span>
          <Countdown deadline={p.deadline} />
        </div>
      </header>

      <Card title="Leaderboard" actions={<GpuPicker gpus={p.gpus} selected={selectedGpu} slug={p.slug} />}>
        <LeaderboardTable slug={p.slug} gpu={selectedGpu} />
      </Card>

      <div class="columns">
        <Card title="Description">
          <Markdown text={p.description} />
        </Card>
        <div class="stack">
          <Card
            title="Signature"
            actions={
              <a class="button" href={api.templateUrl(p.slug)} download={`${p.slug.replace("/", "-")}.${extension}`}>
                Download template
              </a>
            }
          >
            <pre class="signature">
              <code>{p.signature}</code>
            </pre>
            <p class="muted small">
              {plural(p.cases.test.length, "test case")}, {plural(p.cases.benchmark.length, "benchmark shape")}.
            </p>
          </Card>
          <Card title="Speed of light">
            <SpeedOfLight problem={p} />
          </Card>
        </div>
      </div>

      <SubmitForm problem={p} gpu={selectedGpu} extension={extension} />
    </>
  );
}

function GpuPicker({ gpus, selected, slug }: { gpus: string[]; selected: string; slug: string }) {
  if (gpus.length < 2) return <GpuTags gpus={gpus} />;
  return (
    <div class="segmented" role="tablist" aria-label="GPU">
      {gpus.map((gpu) => (
        <a key={gpu} role="tab" aria-selected={gpu === selected} class={gpu === selected ? "selected" : ""} href={links.problem(slug, gpu)}>
          {gpu}
        </a>
      ))}
    </div>
  );
}

function SpeedOfLight({ problem }: { problem: ProblemPage }) {
  // In the problem's own order of GPUs (the default one first), those that have a speed of light.
  const modelled = new Set(problem.cases.benchmark.flatMap((c) => Object.keys(c.sol ?? {})));
  const gpus = [...problem.gpus.filter((g) => modelled.has(g)), ...[...modelled].filter((g) => !problem.gpus.includes(g))];
  if (gpus.length === 0) {
    return <p class="muted">No speed-of-light model for {problem.backend === "cpu" ? "CPU problems" : "this problem"}.</p>;
  }
  return (
    <TableWrap>
      <table>
        <thead>
          <tr>
            <th>Shape</th>
            {gpus.map((gpu) => (
              <th class="num" key={gpu}>
                {gpu}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {problem.cases.benchmark.map((c) => (
            <tr key={c.name}>
              <td class="mono">{c.name}</td>
              {gpus.map((gpu) => (
                <td class="num" key={gpu}>
                  {formatSeconds(c.sol?.[gpu])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function LeaderboardTable({ slug, gpu }: { slug: string; gpu: string }) {
  const board = useApi(() => api.leaderboard(slug, gpu), [slug, gpu]);
  if (board.error) return <ErrorBox error={board.error} />;
  if (!board.data) return <Loading what="Loading the leaderboard" />;
  return <LeaderboardRows board={board.data} />;
}

function LeaderboardRows({ board }: { board: Leaderboard }) {
  if (board.entries.length === 0) return <p class="muted">Nobody is on the {board.gpu} leaderboard yet.</p>;
  const caseNames = board.entries[0].cases.map((c) => c.name);
  return (
    <TableWrap>
      <table class="leaderboard" data-gpu={board.gpu}>
        <thead>
          <tr>
            <th class="num">#</th>
            <th>User</th>
            <th class="num">Score ({board.ranking})</th>
            <th>% of SoL</th>
            {caseNames.map((name) => (
              <th class="num mono small" key={name}>
                {name}
              </th>
            ))}
            <th>Submitted</th>
          </tr>
        </thead>
        <tbody>
          {board.entries.map((e) => (
            <tr key={e.user} class={e.rank <= 3 ? `podium-${e.rank}` : ""}>
              <td class="num rank">{e.rank}</td>
              <td>
                <UserLink name={e.user} /> <span class="small">(<SubmissionLink id={e.submission} />)</span>
              </td>
              <td class="num strong score">{formatSeconds(e.score_seconds)}</td>
              <td>
                <SolBar fraction={e.sol_fraction} />
              </td>
              {caseNames.map((name) => {
                const c = e.cases.find((x) => x.name === name);
                return (
                  <td class="num" key={name} title={c?.sol_seconds ? `speed of light ${formatSeconds(c.sol_seconds)}` : undefined}>
                    {formatSeconds(c?.mean_seconds)}
                  </td>
                );
              })}
              <td>
                <When ms={e.submitted_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function SubmitForm({ problem, gpu, extension }: { problem: ProblemPage; gpu: string; extension: string }) {
  const { me } = useSession();
  const [code, setCode] = useState("");
  const [fileName, setFileName] = useState(`solution.${extension}`);
  const [mode, setMode] = useState<Mode>("test");
  const [note, setNote] = useState("");
  const [targetGpu, setTargetGpu] = useState(gpu);

  if (!me) {
    return (
      <Card title="Submit">
        <p class="muted">
          <a href={links.signIn(`/problems/${problem.slug}`)}>Sign in</a> to submit a solution.
        </p>
      </Card>
    );
  }

  const loadFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setCode(await file.text());
  };

  const submit = async () => {
    const reply = await api.submit({ problem: problem.slug, code, file_name: fileName, mode, gpu: targetGpu, note });
    navigate(`/submissions/${reply.submission.id}`);
  };

  return (
    <Card title="Submit">
      <form class="form submit-form" onSubmit={(e) => e.preventDefault()}>
        <div class="row">
          <label>
            File <input type="file" accept=".cu,.cpp,.cc,.cuh,.h" onChange={(e) => loadFile(e.currentTarget)} />
          </label>
          <label>
            Name <input name="file-name" value={fileName} onInput={(e) => setFileName(e.currentTarget.value)} />
          </label>
          <label>
            Mode
            <select name="mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as Mode)}>
              <option value="test">test</option>
              <option value="benchmark">benchmark</option>
              <option value="leaderboard">leaderboard</option>
            </select>
          </label>
          <label>
            GPU
            <select value={targetGpu} onChange={(e) => setTargetGpu(e.currentTarget.value)}>
              {problem.gpus.map((g) => (
                <option key={g}>{g}</option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Code
          <textarea name="code" class="mono" rows={12} value={code} onInput={(e) => setCode(e.currentTarget.value)} placeholder={problem.signature} spellcheck={false} />
        </label>
        <label>
          Note <input name="note" value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="what changed, e.g. unrolled by 4" />
        </label>
        <ActionButton kind="primary" onClick={submit}>
          Submit
        </ActionButton>
      </form>
    </Card>
  );
}
