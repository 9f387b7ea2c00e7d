// A running submission's live state, from its server-sent events (GET /submissions/{id}/events): queue
// position while queued, then each phase and case as the worker reports them. The stream is opened
// again if it breaks before the `done` event (a restarted server, a proxy's time-out), and closed when
// the page goes away.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, authHeaders } from "./api/client";
import { readEventStream, type ServerEvent } from "./api/sse";
import type { ProgressEvent, StatusEvent, Submission } from "./api/types";

export interface LiveState {
  status: StatusEvent | null;
  progress: ProgressEvent | null; // the latest
  finishedCases: ProgressEvent[]; // the case_done events seen, in order
  connected: boolean;
  error: ApiError | null;
}

const RETRY_MS = 2000;

export function useLiveSubmission(id: number, active: boolean, onDone: (submission: Submission) => void): LiveState {
  const [state, setState] = useState<LiveState>({ status: null, progress: null, finishedCases: [], connected: false, error: null });
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    if (!active) return;
    const abort = new AbortController();
    let finished = false;
    const onEvent = (event: ServerEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return; // not one of the documented events: nothing to show
      }
      if (event.event === "status") setState((s) => ({ ...s, status: data as StatusEvent, connected: true, error: null }));
      else if (event.event === "progress") {
        const progress = data as ProgressEvent;
        setState((s) => ({
          ...s,
          progress,
          finishedCases: progress.event === "case_done" ? [...s.finishedCases, progress] : s.finishedCases,
          connected: true,
          error: null,
        }));
      }
      else if (event.event === "error") {
        // The server could not go on with the stream; it ends, and is opened again after a pause.
        const body = (data as { error?: { status?: number; code?: string; message?: string } }).error ?? {};
        setState((s) => ({ ...s, error: new ApiError(body.status ?? 500, body.code ?? "", body.message ?? "the live stream failed") }));
      } else if (event.event === "done") {
        finished = true;
        done.current((data as { submission: Submission }).submission);
      }
    };
    (async () => {
      while (!finished && !abort.signal.aborted) {
        try {
          setState((s) => ({ ...s, connected: true }));
          await readEventStream(api.eventsUrl(id), authHeaders(), onEvent, abort.signal);
          setState((s) => ({ ...s, connected: false }));
        } catch (e) {
          const error = e as ApiError;
          setState((s) => ({ ...s, connected: false, error }));
          // A refusal (no such submission, not yours) will not change by asking again.
          if (error.status >= 400 && error.status < 500) return;
        }
        if (!finished) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    })();
    return () => abort.abort();
  }, [id, active]);

  return state;
}
