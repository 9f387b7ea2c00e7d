// Human-readable rendering of evaluation reports: a header, a table per case, the verdict.
#pragma once

#include <string>

#include "core/report.hpp"

namespace podium {

// "68.4 µs", "1.23 ms", "2.5 s"
std::string format_seconds(double seconds);

std::string render_report(const EvalReport& report, bool verbose);

}  // namespace podium
