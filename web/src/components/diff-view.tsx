// What changed between two versions of a submission: a unified diff computed by the `diff` package,
// shown hunk by hunk with the old and the new line numbers.
import { structuredPatch } from "diff";
import { useMemo } from "preact/hooks";

export function DiffView({ before, after, beforeName, afterName }: { before: string; after: string; beforeName: string; afterName: string }) {
  const patch = useMemo(() => structuredPatch(beforeName, afterName, before, after, "", "", { context: 3 }), [before, after, beforeName, afterName]);
  if (patch.hunks.length === 0) return <p class="muted">The code is the same as in {beforeName}.</p>;
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith("+")) added++;
      else if (line.startsWith("-")) removed++;
    }
  }
  return (
    <figure class="diff">
      <figcaption>
        {beforeName} → {afterName} <span class="diff-added">+{added}</span> <span class="diff-removed">−{removed}</span>
      </figcaption>
      <div class="table-wrap">
        <table>
          {patch.hunks.map((hunk, h) => {
            let oldLine = hunk.oldStart;
            let newLine = hunk.newStart;
            return (
              <tbody key={h}>
                <tr class="hunk">
                  <td colSpan={3}>
                    @@ −{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
                  </td>
                </tr>
                {hunk.lines
                  .filter((line) => !line.startsWith("\\"))
                  .map((line, i) => {
                    const kind = line[0] === "+" ? "add" : line[0] === "-" ? "del" : "ctx";
                    const oldNo = kind === "add" ? "" : oldLine++;
                    const newNo = kind === "del" ? "" : newLine++;
                    return (
                      <tr class={kind} key={i}>
                        <td class="ln">{oldNo}</td>
                        <td class="ln">{newNo}</td>
                        <td class="text">{line}</td>
                      </tr>
                    );
                  })}
              </tbody>
            );
          })}
        </table>
      </div>
    </figure>
  );
}
