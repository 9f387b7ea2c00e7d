// What `podium submit` shows while a submission runs: redrawn bars on a terminal, plain lines
// elsewhere, from the server's status and progress events.
#include <gtest/gtest.h>

#include <cstdio>

#include "cli/progress_bar.hpp"

using namespace podium;
using nlohmann::json;

namespace {

// Everything a display wrote, captured through a memory stream.
struct Capture {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* file = open_memstream(&buffer, &size);
  ~Capture() {
    if (file) std::fclose(file);
    std::free(buffer);
  }
  std::string text() {
    std::fflush(file);
    return std::string(buffer, size);
  }
};

json event(const std::string& phase, int phase_index, const std::string& kind, json fields = json::object()) {
  fields["phase"] = phase;
  fields["phase_index"] = phase_index;
  fields["phases"] = 2;
  fields["event"] = kind;
  return fields;
}

// A benchmark submission: two test cases pass, then one benchmark case.
void play(ProgressDisplay& display) {
  display.status("queued", 2);
  display.status("queued", 2);
  display.status("queued", 0);
  display.status("running", std::nullopt);
  display.progress(event("test", 1, "compiling", {{"what", "solution"}}));
  display.progress(event("test", 1, "case_start", {{"index", 0}, {"of", 2}, {"name", "n=1"}}));
  display.progress(event("test", 1, "case_done", {{"index", 0}, {"of", 2}, {"name", "n=1"}, {"passed", true}}));
  display.progress(event("test", 1, "case_done", {{"index", 1}, {"of", 2}, {"name", "n=7"}, {"passed", true}}));
  display.progress(event("benchmark", 2, "case_done", {{"index", 0}, {"of", 1}, {"name", "n=4096"}, {"passed", false}, {"mean_seconds", 2e-3}}));
  display.finish();
}

}  // namespace

TEST(ProgressBar, ABarIsFilledInProportion) {
  EXPECT_EQ(render_bar(3, 6, 10), "[█████░░░░░]");
  EXPECT_EQ(render_bar(6, 6, 4), "[████]");
  EXPECT_EQ(render_bar(0, 0, 4), "[░░░░]");
}

TEST(ProgressBar, WithoutATerminalEachStepIsOnePlainLine) {
  Capture out;
  ProgressDisplay display(out.file, false);
  play(display);
  EXPECT_EQ(out.text(),
            "queued: 2 ahead\n"
            "queued: next in line\n"
            "running\n"
            "test (1/2): compiling the solution\n"
            "test case 1/2 n=1: pass\n"
            "test case 2/2 n=7: pass\n"
            "benchmark case 1/1 n=4096: FAIL, 2.000 ms\n");
}

TEST(ProgressBar, OnATerminalTheLineIsRedrawnAndAFinishedPhaseKeepsItsBar) {
  Capture out;
  ProgressDisplay display(out.file, true);
  play(display);
  const std::string text = out.text();
  EXPECT_NE(text.find("\r\033[Kqueued: 2 ahead\r\033[Kqueued: 2 ahead\r\033[Kqueued: next in line\r\033[Krunning"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\033[Ktest (1/2)      [░░░░░░░░░░░░░░░░░░░░] 0/2  case n=1"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\033[Ktest (1/2)      [████████████████████] 2/2  passed\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\033[Kbenchmark (2/2) [████████████████████] 1/1  failed\n"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
}
