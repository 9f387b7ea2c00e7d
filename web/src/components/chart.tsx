// Charts, drawn by Chart.js: only the pieces the pages use are registered, so the bundle stays small.
// Two charts exist: a submission's per-shape times against the speed of light, and a user's best score
// over time per problem. Both use logarithmic time axes: shapes and tries differ by orders of magnitude.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { formatDate, formatDay, formatSeconds, formatTime } from "../format";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Tooltip, Legend);

// Colours come from the stylesheet, so charts follow the light or dark theme.
function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// Log axes get a tick at every 1..9 of each decade; only 1, 2 and 5 are labelled, so labels never crowd.
function logTick(value: number | string): string {
  const v = Number(value);
  const mantissa = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  const labelled = [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6 * m);
  return labelled ? formatSeconds(v) : "";
}

// A log axis from the decade below the smallest value to the decade above the largest, so every value
// sits inside whole decades and bars of different shapes compare at a glance.
function decades(values: number[]): { min?: number; max?: number } {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return {};
  return {
    min: 10 ** Math.floor(Math.log10(Math.min(...finite))),
    max: 10 ** Math.ceil(Math.log10(Math.max(...finite)) + 1e-9),
  };
}

const PALETTE = ["--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-5", "--chart-6"];

function themed<T extends ChartConfiguration>(config: T): T {
  Chart.defaults.color = cssVar("--muted");
  Chart.defaults.borderColor = cssVar("--grid");
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  return config;
}

export function ChartCanvas({ config, label, height = 280 }: { config: () => ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, themed(config()));
    return () => chart.destroy();
  }, [config]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

export interface CaseTime {
  name: string;
  seconds: number;
  sol_seconds: number | null;
}

// One group of bars per shape: the measured mean and, where the problem has one, its speed of light.
export function caseChart(cases: CaseTime[]): () => ChartConfiguration {
  return () => {
    const hasSol = cases.some((c) => c.sol_seconds !== null);
    const datasets = [
      { label: "measured (mean)", data: cases.map((c) => c.seconds), backgroundColor: cssVar("--chart-1"), maxBarThickness: 56 },
      ...(hasSol
        ? [{ label: "speed of light", data: cases.map((c) => c.sol_seconds ?? Number.NaN), backgroundColor: cssVar("--chart-3"), maxBarThickness: 56 }]
        : []),
    ];
    return {
      type: "bar",
      data: { labels: cases.map((c) => c.name), datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: {
            type: "logarithmic",
            ...decades(cases.flatMap((c) => [c.seconds, c.sol_seconds ?? Number.NaN])),
            title: { display: true, text: "time per call" },
            ticks: { callback: logTick, autoSkip: false },
          },
        },
        plugins: {
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatSeconds(item.parsed.y)}` } },
        },
      },
    };
  };
}

export interface ScoreSeries {
  label: string;
  points: { at: number; seconds: number; submission: number }[];
}

// The best score so far of each problem, stepping down each time a submission beat it.
export function scoreHistoryChart(series: ScoreSeries[], now = Date.now()): () => ChartConfiguration {
  // Dates tell tries of different days apart; within two days the time of day does, to the second
  // within the hour.
  const span = now - Math.min(...series.flatMap((s) => s.points.map((p) => p.at)));
  const tick = span < 3_600_000 ? (ms: number) => formatTime(ms, true) : span < 2 * 86_400_000 ? (ms: number) => formatTime(ms) : formatDay;
  return () => ({
    type: "line",
    data: {
      datasets: series.map((s, i) => ({
        label: s.label,
        // The last best holds until now: the line runs on to the right edge, without a point there.
        data: [...s.points.map((p) => ({ x: p.at, y: p.seconds })), { x: now, y: s.points[s.points.length - 1].seconds }],
        stepped: "before" as const,
        borderColor: cssVar(PALETTE[i % PALETTE.length]),
        backgroundColor: cssVar(PALETTE[i % PALETTE.length]),
        pointRadius: [...s.points.map(() => 4), 0],
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      scales: {
        x: { type: "linear", ticks: { callback: (v) => tick(Number(v)), maxTicksLimit: 6 } },
        y: {
          type: "logarithmic",
          ...decades(series.flatMap((s) => s.points.map((p) => p.seconds))),
          title: { display: true, text: "best score" },
          ticks: { callback: logTick, autoSkip: false },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => formatDate(items[0].parsed.x),
            label: (item) => `${item.dataset.label}: ${formatSeconds(item.parsed.y)}`,
          },
        },
      },
    },
  });
}
