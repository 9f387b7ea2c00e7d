// How numbers, times and sizes read on every page: durations in the unit that keeps 3 significant digits
// (ns, µs, ms, s), fractions of the speed of light as percentages, dates in the reader's locale.

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "–";
  const units: [number, string][] = [
    [1, "s"],
    [1e-3, "ms"],
    [1e-6, "µs"],
    [1e-9, "ns"],
  ];
  const [scale, unit] = units.find(([s]) => Math.abs(seconds) >= s) ?? units[units.length - 1];
  const value = seconds / scale;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "–";
  const percent = fraction * 100;
  return `${percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const timeSeconds = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export function formatDate(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "–" : dateTime.format(new Date(ms));
}

export function formatDay(ms: number): string {
  return dateOnly.format(new Date(ms));
}

export function formatTime(ms: number, seconds = false): string {
  return (seconds ? timeSeconds : timeOnly).format(new Date(ms));
}

// "3 min ago", "in 2 d": for the title attribute beside an absolute date, and for recent events.
export function formatRelative(ms: number, now = Date.now()): string {
  const delta = ms - now;
  const abs = Math.abs(delta);
  const steps: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ];
  const [size, unit] = steps.find(([s]) => abs >= s) ?? steps[steps.length - 1];
  const amount = Math.floor(abs / size);
  if (amount === 0) return "just now";
  return delta < 0 ? `${amount} ${unit} ago` : `in ${amount} ${unit}`;
}

// What is left before a deadline, ticking down to the second: "2d 04:12:09".
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.floor(remainingMs / 1000));
  const days = Math.floor(total / 86400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

// Verdict names as people say them.
export function verdictLabel(verdict: string): string {
  return verdict ? verdict.replace(/_/g, " ") : "pending";
}
