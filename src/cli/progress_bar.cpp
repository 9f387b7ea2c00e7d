// A submission's live progress. See progress_bar.hpp.
#include "cli/progress_bar.hpp"

#include <fmt/format.h>

#include "cli/report_print.hpp"

namespace podium {

std::string render_bar(size_t done, size_t total, size_t width) {
  const size_t filled = total == 0 ? 0 : std::min(width, done * width / total);
  std::string bar = "[";
  for (size_t i = 0; i < width; ++i) bar += i < filled ? "█" : "░";
  return bar + "]";
}

ProgressDisplay::ProgressDisplay(std::FILE* out, bool live) : out_(out), live_(live) {}

void ProgressDisplay::show(const std::string& line) {
  if (!out_) return;
  if (live_) {
    fmt::print(out_, "\r\033[K{}", line);
    line_open_ = true;
  } else if (line != last_plain_) {
    fmt::print(out_, "{}\n", line);
    last_plain_ = line;
  }
  std::fflush(out_);
}

void ProgressDisplay::status(const std::string& status, std::optional<int> queue_position) {
  if (status == "queued") {
    // The position counts the jobs ahead: 0 is next in line.
    show(!queue_position ? "queued" : *queue_position == 0 ? "queued: next in line" : fmt::format("queued: {} ahead", *queue_position));
  } else if (status == "running" && phase_.empty()) {
    show("running");
  }
}

void ProgressDisplay::progress(const nlohmann::json& event) {
  const std::string phase = event.value("phase", "");
  if (phase != phase_) {
    end_phase();
    phase_ = phase;
    const size_t phases = event.value("phases", size_t{1});
    phase_label_ = phases > 1 ? fmt::format("{} ({}/{})", phase, event.value("phase_index", size_t{1}), phases) : phase;
    done_ = total_ = 0;
    failed_ = false;
  }
  const std::string kind = event.value("event", "");
  const std::string name = event.value("name", "");
  const std::string label = live_ ? fmt::format("{:<15}", phase_label_) : phase_label_ + ":";
  if (kind == "compiling") {
    show(fmt::format("{} compiling the {}", label, event.value("what", "solution")));
  } else if (kind == "case_start") {
    total_ = event.value("of", total_);
    if (live_) show(fmt::format("{} {} {}/{}  case {}", label, render_bar(done_, total_), done_, total_, name));
  } else if (kind == "case_done") {
    done_ = event.value("index", size_t{0}) + 1;
    total_ = std::max(done_, event.value("of", total_));
    const bool passed = event.value("passed", false);
    failed_ = failed_ || !passed;
    const auto mean = event.find("mean_seconds");
    const std::string time = mean != event.end() && mean->is_number() ? ", " + format_seconds(mean->get<double>()) : "";
    if (live_) {
      show(fmt::format("{} {} {}/{}  case {}{}", label, render_bar(done_, total_), done_, total_, name, passed ? "" : ": FAILED"));
    } else {
      show(fmt::format("{} case {}/{} {}: {}{}", phase_, done_, total_, name, passed ? "pass" : "FAIL", time));
    }
  }
}

void ProgressDisplay::note(const std::string& text) {
  if (!out_) return;
  if (live_ && line_open_) fmt::print(out_, "\r\033[K");
  line_open_ = false;
  fmt::print(out_, "{}\n", text);
  last_plain_ = text;
  std::fflush(out_);
}

void ProgressDisplay::end_phase() {
  if (!live_ || phase_.empty() || !line_open_) return;
  // A phase that ended before its first case (its compilation failed) leaves no bar: the report says why.
  if (total_ == 0) {
    fmt::print(out_, "\r\033[K");
  } else {
    fmt::print(out_, "\r\033[K{:<15} {} {}/{}  {}\n", phase_label_, render_bar(done_, total_), done_, total_,
               failed_ ? "failed" : (done_ == total_ ? "passed" : "stopped"));
  }
  line_open_ = false;
  std::fflush(out_);
}

void ProgressDisplay::finish() {
  if (!out_) return;
  end_phase();
  if (live_ && line_open_) fmt::print(out_, "\r\033[K");
  line_open_ = false;
  std::fflush(out_);
}

}  // namespace podium
