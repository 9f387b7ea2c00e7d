// The shapes of the JSON that `podium serve` sends and receives, as docs/api.md documents them. Times
// are integer milliseconds since the Unix epoch; durations are seconds. Optional values arrive as null.

export type Millis = number;

export type Role = "competitor" | "organizer" | "admin" | "worker";
export type Mode = "test" | "benchmark" | "leaderboard";
export type Status = "queued" | "running" | "done" | "failed";
export type Verdict =
  | "accepted"
  | "wrong_answer"
  | "compile_error"
  | "compile_timeout"
  | "runtime_error"
  | "time_limit"
  | "internal_error";

export interface ApiErrorBody {
  error: { status: number; code: string; message: string };
}

export interface Health {
  status: string;
  version: string;
  engine: string;
  schema: number;
  workers: { name: string; gpus: string[]; last_seen: Millis }[];
}

export interface Me {
  id: number;
  name: string;
  role: Role;
}

export interface User extends Me {
  created_at: Millis;
  disabled: boolean;
}

export interface Token {
  id: number;
  label: string;
  prefix: string;
  created_at: Millis;
  last_used_at: Millis | null;
  revoked: boolean;
}

export interface NewToken {
  token: string;
  id: number;
  prefix: string;
}

export interface ProblemSummary {
  slug: string;
  title: string;
  backend: "cuda" | "cpu";
  version: number;
  ranking: string;
  deadline: Millis | null;
  competitors: number;
  gpus: string[];
}

export interface ProblemPage extends ProblemSummary {
  signature: string;
  description: string;
  cases: {
    test: { name: string }[];
    benchmark: { name: string; sol?: Record<string, number> }[];
  };
}

export interface LeaderboardCase {
  name: string;
  mean_seconds: number;
  sol_seconds: number | null;
}

export interface LeaderboardEntry {
  rank: number;
  user: string;
  submission: number;
  score_seconds: number;
  sol_fraction: number | null;
  cases: LeaderboardCase[];
  submitted_at: Millis;
}

export interface Leaderboard {
  problem: string;
  gpu: string;
  ranking: string;
  entries: LeaderboardEntry[];
}

export interface Competition {
  slug: string;
  title: string;
  description: string;
  starts_at: Millis | null;
  deadline: Millis | null;
  problems: string[];
  gpus: string[];
  created_at?: Millis;
}

export interface NewCompetition {
  slug: string;
  title: string;
  description: string;
  starts_at: Millis | null;
  deadline: Millis | null;
  problems: string[];
  gpus: string[];
}

export interface Submission {
  id: number;
  user: string;
  problem: string;
  problem_version: number;
  file_name: string;
  mode: Mode;
  gpu: string;
  note: string;
  created_at: Millis;
  status: Status;
  verdict: Verdict | null; // null until the job finishes
  message: string;
  score_seconds: number | null;
  sol_fraction: number | null;
  counts: boolean;
  disqualified: boolean;
}

export interface NewSubmission {
  problem: string;
  code: string;
  file_name?: string;
  mode: Mode;
  gpu?: string;
  note?: string;
}

// ---- the podium.eval/1 report (docs/problem-format.md, "Evaluation report") ----

export interface KernelResources {
  name: string;
  registers: number;
  shared_bytes: number;
  stack_bytes: number;
  spill_store_bytes: number;
  spill_load_bytes: number;
}

export interface CompileReport {
  ok: boolean;
  cached: boolean;
  timed_out: boolean;
  seconds: number;
  command: string;
  diagnostics: string;
  summary: string;
  kernels: KernelResources[];
}

export interface OutputCheck {
  name: string;
  passed: boolean;
  count: number;
  bad: number;
  first_mismatches: { index: number; position: string; got: number | string; expected: number | string }[];
  max_abs_error: number;
  max_rel_error: number;
  message: string;
}

export interface Timing {
  summary: { count: number; mean: number; median: number; min: number; max: number; stddev: number; rel_std_error: number };
  stop: string;
  wall_seconds: number;
  clock: string;
  input_sets: number;
  checked_calls: number;
  throttled_samples: number;
  deadlocked_samples: number;
  sm_clock_mhz_min: number;
  sm_clock_mhz_max: number;
  temperature_c_max: number;
  launch_latency_hidden: boolean;
  cupti_mean_seconds?: number;
}

export interface CaseResult {
  set: string;
  index: number;
  name: string;
  seed: number;
  passed: boolean;
  message: string;
  outputs: OutputCheck[];
  timing?: Timing;
  sol_seconds?: number;
  faster_than_light: boolean;
}

export interface EvalReport {
  schema?: string;
  problem: string;
  mode: string;
  solution: string;
  verdict: Verdict;
  message: string;
  device: { backend: string; name: string; driver: string; sm_count: number; l2_bytes: number; memory_bytes: number; sm_clock_mhz: number };
  compile: CompileReport;
  cases: CaseResult[];
  score_seconds?: number | null;
  evaluation_seconds: number;
  ranking: string;
}

export interface Run {
  phase: "test" | "benchmark" | "ranked";
  verdict: Verdict;
  message: string;
  score_seconds: number | null;
  sol_fraction: number | null;
  device: string;
  driver: string;
  report: EvalReport | null;
}

export interface SubmissionPage {
  submission: Submission;
  runs: Run[];
  code?: string | null;
}

export interface AuditEntry {
  id: number;
  at: Millis;
  user_id: number | null;
  action: string;
  detail: unknown;
}

// ---- server-sent events of GET /submissions/{id}/events ----

export interface StatusEvent {
  status: Status;
  queue_position?: number | null;
}

// The worker's latest event: "compiling" (what: reference | solution), "case_start", "case_done" (passed,
// message, mean_seconds of timed cases), each with the phase it belongs to.
export interface ProgressEvent {
  phase: string;
  phase_index: number;
  phases: number;
  event: string;
  what?: string;
  set?: string;
  index?: number;
  of?: number;
  name?: string;
  passed?: boolean;
  message?: string;
  mean_seconds?: number;
  [more: string]: unknown;
}

export interface DoneEvent {
  submission: Submission;
}
