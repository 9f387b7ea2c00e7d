// Renders an EvalReport for people. See report_print.hpp.
#include "cli/report_print.hpp"

#include <fmt/format.h>

namespace podium {

std::string format_seconds(double s) {
  if (s < 1e-6) return fmt::format("{:.1f} ns", s * 1e9);
  if (s < 1e-3) return fmt::format("{:.2f} µs", s * 1e6);
  if (s < 1) return fmt::format("{:.3f} ms", s * 1e3);
  return fmt::format("{:.3f} s", s);
}

namespace {

// Pads by display width: "µ" is two bytes but one column.
std::string pad(const std::string& s, size_t width) {
  size_t columns = 0;
  for (unsigned char c : s) columns += (c & 0xC0) != 0x80;
  return columns >= width ? s : s + std::string(width - columns, ' ');
}

}  // namespace

std::string render_report(const EvalReport& r, bool verbose) {
  std::string out;
  out += fmt::format("{} · {} · mode {}", r.problem, r.solution, r.mode);
  if (!r.device.name.empty()) out += fmt::format(" · {} ({})", r.device.name, r.device.backend);
  out += "\n";
  const auto& c = r.compile;
  if (!c.command.empty()) {
    out += fmt::format("compile: {}{}\n", c.ok ? format_seconds(c.seconds) : "failed", c.cached ? " (cached)" : "");
    for (const auto& k : c.kernels)
      out += fmt::format("  kernel {}: {} registers, {} B shared, {} B stack, {} B spill stores, {} B spill loads\n", k.name,
                         k.registers, k.shared_bytes, k.stack_bytes, k.spill_store_bytes, k.spill_load_bytes);
    if ((!c.ok || verbose) && !c.diagnostics.empty()) out += c.diagnostics + (c.diagnostics.back() == '\n' ? "" : "\n");
  }
  if (!r.cases.empty()) {
    const bool timed = r.mode != "test";
    bool verified = false;
    for (const auto& cs : r.cases) verified = verified || (cs.timing && cs.timing->cupti_mean_seconds);
    out += "\n";
    std::vector<std::vector<std::string>> rows;
    rows.push_back(timed ? std::vector<std::string>{"#", "case", "status", "mean", "± rel.err", "median", "min", "samples", "SoL", "% SoL"}
                         : std::vector<std::string>{"#", "case", "status", "max abs err", "max rel err"});
    if (verified) rows[0].insert(rows[0].end(), {"CUPTI", "GPU ops", "Podium/CUPTI"});
    for (const auto& cs : r.cases) {
      std::vector<std::string> row{std::to_string(cs.index + 1), cs.name, cs.passed ? "pass" : "FAIL"};
      if (timed) {
        if (cs.timing) {
          const auto& s = cs.timing->summary;
          row.insert(row.end(), {format_seconds(s.mean), fmt::format("{:.2f}%", s.rel_std_error * 100), format_seconds(s.median),
                                 format_seconds(s.min), std::to_string(s.count)});
        } else {
          row.insert(row.end(), {"-", "-", "-", "-", "-"});
        }
        if (cs.sol_seconds && cs.timing && cs.timing->summary.mean > 0) {
          row.push_back(format_seconds(*cs.sol_seconds));
          row.push_back(fmt::format("{:.1f}%", 100.0 * *cs.sol_seconds / cs.timing->summary.mean));
        } else {
          row.insert(row.end(), {"-", "-"});
        }
        if (verified) {
          if (cs.timing && cs.timing->cupti_mean_seconds && *cs.timing->cupti_mean_seconds > 0) {
            row.push_back(format_seconds(*cs.timing->cupti_mean_seconds));
            row.push_back(std::to_string(cs.timing->cupti_operations));
            row.push_back(fmt::format("{:.4f}", cs.timing->summary.mean / *cs.timing->cupti_mean_seconds));
          } else {
            row.insert(row.end(), {"-", "-", "-"});
          }
        }
      } else {
        double abs_err = 0, rel_err = 0;
        for (const auto& o : cs.outputs) {
          abs_err = std::max(abs_err, o.max_abs_error);
          rel_err = std::max(rel_err, o.max_rel_error);
        }
        row.push_back(fmt::format("{:.3g}", abs_err));
        row.push_back(fmt::format("{:.3g}", rel_err));
      }
      rows.push_back(row);
    }
    std::vector<size_t> width(rows[0].size(), 0);
    for (const auto& row : rows)
      for (size_t i = 0; i < row.size(); ++i) {
        size_t columns = 0;
        for (unsigned char ch : row[i]) columns += (ch & 0xC0) != 0x80;
        width[i] = std::max(width[i], columns);
      }
    for (const auto& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += pad(row[i], width[i] + 2);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    bool several = false;
    for (const auto& cs : r.cases) several = several || (cs.timing && cs.timing->cupti_operations > 1);
    if (several)
      out += "\nCUPTI's span witnesses calls of one GPU operation; in calls of several, its own tracing moves the\n"
             "operations' timestamps by tenths of a µs (docs/architecture.md, \"CUPTI witness\").\n";
    for (const auto& cs : r.cases)
      if (cs.faster_than_light) out += fmt::format("\nWARNING case {}: {}\n", cs.index + 1, cs.message);
    for (const auto& cs : r.cases) {
      if (cs.passed) continue;
      for (const auto& o : cs.outputs) {
        if (o.passed) continue;
        out += fmt::format("\nfirst mismatches in {} (case {}):\n", o.name, cs.name);
        for (const auto& m : o.first) out += fmt::format("  {} = {:.9g}, expected {:.9g}\n", m.position, m.got, m.expected);
      }
    }
    if (timed && !r.cases.empty() && r.cases.back().timing) {
      const auto& t = *r.cases.back().timing;
      out += fmt::format("\ntiming: {}\n", t.clock);
      for (const auto& cs : r.cases) {
        if (!cs.timing) continue;
        const auto& ct = *cs.timing;
        std::string clocks = ct.sm_clock_mhz_max ? fmt::format(", SM clock {}-{} MHz, up to {} °C", ct.sm_clock_mhz_min, ct.sm_clock_mhz_max,
                                                               ct.temperature_c_max)
                                                 : "";
        out += fmt::format("  case {}: {} input sets rotated, {} timed calls re-checked, stopped: {}{}{}{}\n", cs.index + 1,
                           ct.input_sets, ct.checked_calls, to_string(ct.stop), clocks,
                           ct.throttled_samples ? fmt::format(", {} throttled samples discarded", ct.throttled_samples) : "",
                           ct.deadlocked_samples ? fmt::format(", {} samples discarded (the solution synchronizes)", ct.deadlocked_samples) : "");
      }
    }
  }
  out += fmt::format("\nverdict: {}", verdict_name(r.verdict));
  if (!r.message.empty()) out += fmt::format(": {}", r.message);
  out += "\n";
  if (r.score_seconds) out += fmt::format("score ({}): {}\n", r.ranking, format_seconds(*r.score_seconds));
  return out;
}

}  // namespace podium
