// A competition's page: its description, when it starts and ends, the GPUs it is judged on, and its
// problems.
import { api } from "../api/client";
import { Markdown } from "../components/markdown";
import { Card, Countdown, ErrorBox, GpuTags, Loading, PageError } from "../components/ui";
import { formatDate } from "../format";
import { links } from "../router";
import { useApi } from "../use-api";
import { ProblemTable } from "./home";

export function CompetitionPage({ slug }: { slug: string }) {
  const competition = useApi(() => api.competition(slug), [slug]);
  const problems = useApi(api.problems, []);
  if (competition.error) return <PageError title={slug} error={competition.error} />;
  if (!competition.data) return <Loading what="Loading the competition" />;
  const c = competition.data;
  return (
    <>
      <header class="page-head">
        <div>
          <p class="crumbs">
            <a href={links.home()}>Competitions</a> / <span class="mono">{c.slug}</span>
          </p>
          <h1>{c.title}</h1>
          <p class="muted">
            {c.starts_at !== null && <>starts {formatDate(c.starts_at)} · </>}
            judged on <GpuTags gpus={c.gpus} />
          </p>
        </div>
        <div class="deadline-box">
          <span class="muted small">Deadline</span>
          <Countdown deadline={c.deadline} />
        </div>
      </header>
      {c.description && (
        <Card>
          <Markdown text={c.description} />
        </Card>
      )}
      <Card title="Problems">
        <ErrorBox error={problems.error} />
        {problems.data && <ProblemTable problems={problems.data.filter((p) => c.problems.includes(p.slug))} />}
      </Card>
    </>
  );
}
