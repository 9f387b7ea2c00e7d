// Source code with line numbers, as compile diagnostics refer to them.
export function CodeView({ code, name }: { code: string; name?: string }) {
  const lines = code.replace(/\n$/, "").split("\n");
  return (
    <figure class="code">
      {name && <figcaption>{name}</figcaption>}
      <pre>
        <code>
          {lines.map((line, i) => (
            <span class="line" key={i}>
              <span class="ln">{i + 1}</span>
              {line + "\n"}
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}
