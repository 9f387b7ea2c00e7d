// The live progress of a submission as `podium submit` shows it, from the server-sent events of
// GET /api/v1/submissions/{id}/events: queue position, compiling, then one bar per phase
// ("test (1/3)  [██████░░░░░░]  3/5  case n=1000"). On a terminal the current line is redrawn in
// place and a finished phase's bar stays; elsewhere (a pipe, a log file) each step is one plain line.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace podium {

// "[████████░░░░░░░░░░░░]": `done` of `total` as a bar `width` cells wide.
std::string render_bar(size_t done, size_t total, size_t width = 20);

class ProgressDisplay {
 public:
  // `live`: redraw one line in place (a terminal); otherwise print plain lines. A null `out` shows nothing.
  ProgressDisplay(std::FILE* out, bool live);

  // `event: status` {"status": "queued", "queue_position": 3} or {"status": "running"}.
  void status(const std::string& status, std::optional<int> queue_position);
  // `event: progress`: a worker's event ("compiling", "case_start", "case_done") with its phase.
  void progress(const nlohmann::json& event);
  // A remark between steps ("reconnecting..."), on a line of its own.
  void note(const std::string& text);
  // Ends the live line, so that what follows starts on a clean line.
  void finish();

 private:
  void show(const std::string& line);  // live: redraw; plain: print when it differs from the last
  void end_phase();

  std::FILE* out_;
  bool live_;
  bool line_open_ = false;       // live: a line is drawn and not ended
  std::string last_plain_;       // plain: the last line printed
  std::string phase_;            // the phase the bar shows
  std::string phase_label_;      // "test (1/3)"
  size_t done_ = 0, total_ = 0;  // cases of the phase
  bool failed_ = false;
};

}  // namespace podium
