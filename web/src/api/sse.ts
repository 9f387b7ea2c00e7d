// Server-sent events read through fetch(), not EventSource: EventSource cannot send the Authorization
// header that GET /submissions/{id}/events needs. The parser follows the HTML standard's event-stream
// format: "event:" and "data:" fields (several data lines join with "\n"), ":" comments, a blank line
// ends an event, CR, LF and CRLF all end lines.
import { ApiError } from "./client";

export interface ServerEvent {
  event: string; // "message" when the stream names none
  data: string;
}

// Turns chunks of an event stream into events; keeps what an unfinished line or event left over.
export class EventStreamParser {
  private buffer = "";
  private eventName = "";
  private dataLines: string[] = [];

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk;
    const events: ServerEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      // A lone CR at the end of a chunk may be the first half of CRLF: wait for the next chunk.
      if (end < 0 || (this.buffer[end] === "\r" && end === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + (this.buffer.startsWith("\r\n", end) ? 2 : 1));
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): ServerEvent | null {
    if (line === "") {
      const event = this.dataLines.length ? { event: this.eventName || "message", data: this.dataLines.join("\n") } : null;
      this.eventName = "";
      this.dataLines = [];
      return event;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.eventName = value;
    else if (field === "data") this.dataLines.push(value);
    return null;
  }
}

// Reads the stream at `url` and calls `onEvent` for each event until the server ends it or `signal`
// aborts. Throws ApiError when the server refuses (with its message) or the connection breaks.
export async function readEventStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: ServerEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...headers, Accept: "text/event-stream" }, signal, cache: "no-store" });
  } catch (e) {
    if (signal.aborted) return;
    throw new ApiError(0, "network", `cannot reach the server for live progress: ${(e as Error).message}`);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    let message = `live progress failed: ${response.status} ${response.statusText}`;
    try {
      message = JSON.parse(text).error.message ?? message;
    } catch {
      // not the documented error body: keep the status line
    }
    throw new ApiError(response.status, "", message);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.push(value)) onEvent(event);
    }
  } catch (e) {
    if (signal.aborted) return;
    throw new ApiError(0, "network", `live progress was cut off: ${(e as Error).message}`);
  } finally {
    reader.releaseLock();
  }
}
