// The home page: the competitions running now (with live countdowns to their deadlines) and every
// problem the server offers, with the GPUs it is judged on and how many people compete on it.
import { api } from "../api/client";
import type { Competition, ProblemSummary } from "../api/types";
import { Card, Countdown, ErrorBox, GpuTags, Loading, TableWrap } from "../components/ui";
import { formatDate, plural } from "../format";
import { links } from "../router";
import { useApi } from "../use-api";

export function HomePage() {
  const problems = useApi(api.problems, []);
  const competitions = useApi(api.competitions, []);
  return (
    <>
      <div class="hero">
        <h1>Podium</h1>
        <p class="lead">GPU kernel competitions: write a kernel, submit it, and see how close it gets to the speed of light.</p>
      </div>
      <ErrorBox error={competitions.error} title="Competitions" />
      {competitions.data && competitions.data.length > 0 && (
        <div class="competition-grid">
          {competitions.data.map((c) => (
            <CompetitionCard competition={c} problems={problems.data ?? []} key={c.slug} />
          ))}
        </div>
      )}
      <Card title="Problems">
        <ErrorBox error={problems.error} />
        {problems.loading && !problems.data && <Loading what="Loading problems" />}
        {problems.data && <ProblemTable problems={problems.data} />}
      </Card>
    </>
  );
}

function CompetitionCard({ competition, problems }: { competition: Competition; problems: ProblemSummary[] }) {
  const started = competition.starts_at === null || competition.starts_at <= Date.now();
  const bySlug = new Map(problems.map((p) => [p.slug, p]));
  return (
    <section class="competition card">
      <h2>
        <a href={links.competition(competition.slug)}>{competition.title}</a>
      </h2>
      <p class="big-countdown">
        {started ? <Countdown deadline={competition.deadline} /> : <span>starts {formatDate(competition.starts_at)}</span>}
      </p>
      <GpuTags gpus={competition.gpus} />
      <ul class="plain">
        {competition.problems.map((slug) => (
          <li key={slug}>
            <a href={links.problem(slug)}>{bySlug.get(slug)?.title ?? slug}</a>
            <span class="muted small"> · {plural(bySlug.get(slug)?.competitors ?? 0, "competitor")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ProblemTable({ problems }: { problems: ProblemSummary[] }) {
  if (problems.length === 0) return <p class="muted">No problems yet.</p>;
  return (
    <TableWrap>
      <table class="problems">
        <thead>
          <tr>
            <th>Problem</th>
            <th>GPUs</th>
            <th>Ranking</th>
            <th class="num">Competitors</th>
            <th>Deadline</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={p.slug}>
              <td>
                <a href={links.problem(p.slug)} class="strong">
                  {p.title}
                </a>
                <div class="muted small mono">{p.slug}</div>
              </td>
              <td>
                <GpuTags gpus={p.gpus} />
              </td>
              <td>{p.ranking}</td>
              <td class="num">{p.competitors}</td>
              <td>
                <Countdown deadline={p.deadline} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
