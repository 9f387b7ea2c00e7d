// Leaderboard reads against each store engine with a realistic history: fills a fresh database through
// the Store interface (users submit leaderboard runs that are leased and finished as a worker would,
// three runs each: test, benchmark, ranked), then times leaderboard reads of random problems and
// prints one table: reads per second and latency percentiles per engine.
//
//   podium_store_bench [--runs 100000] [--users 1000] [--problems 20] [--reads 3000] [--limit 100]
//                      [--engine sqlite|postgresql|both] [--sqlite-file PATH] [--postgres URI]
//
// --sqlite-file keeps the SQLite database at PATH (which must not exist yet), e.g. to look at the
// leaderboard query's plan with `sqlite3 PATH "EXPLAIN QUERY PLAN ..."`; --postgres fills the
// (empty) PostgreSQL database at URI instead of a throwaway server's, and leaves it filled.
//
// PostgreSQL runs on a throwaway server (tests/store/postgres_server.hpp) with fsync off, which
// speeds up the fill only: reads do not touch the disk once the data is cached.
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "tests/store/postgres_server.hpp"

using namespace podium;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int runs = 100000;
  int users = 1000;
  int problems = 20;
  int reads = 3000;
  int limit = 100;
  std::string engine = "both";
  std::string sqlite_file;  // empty: a temporary file
  std::string postgres;     // empty: a throwaway server
};

struct Measurement {
  std::string engine;
  int runs = 0;
  int submissions = 0;
  double fill_seconds = 0;
  size_t entries = 0;  // leaderboard entries per read, on average
  double reads_per_second = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0;
};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A ranked run's report, about the size of a real one with a handful of cases.
std::string report_json(std::mt19937_64& rng, double score) {
  std::string cases;
  for (int c = 0; c < 8; ++c)
    cases += fmt::format(R"({}{{"set": "benchmark", "index": {}, "name": "n={}", "passed": true, )"
                         R"("timing": {{"mean": {}, "median": {}, "stddev": {}, "count": 200}}}})",
                         c ? ", " : "", c, 1 << (20 + c), score * (1 + c * 0.01), score, score * 0.002 * (rng() % 10));
  return fmt::format(R"({{"schema": "podium.eval/1", "verdict": "accepted", "cases": [{}]}})", cases);
}

constexpr int kFillThreads = 4;

// A worker's result for a leaderboard job: three runs; 90% pass and count.
JobResult result_for(std::mt19937_64& rng, std::lognormal_distribution<double>& score) {
  JobResult result;
  result.verdict = rng() % 10 ? "accepted" : "wrong_answer";
  result.counts = result.verdict == "accepted";
  result.score_seconds = score(rng);
  result.sol_fraction = 0.4;
  for (const char* phase : {"test", "benchmark", "ranked"}) {
    Run run;
    run.phase = phase;
    run.verdict = result.verdict;
    run.score_seconds = result.score_seconds;
    run.device_name = "NVIDIA H100 80GB HBM3";
    run.driver = "580.95";
    run.sm_clock_mhz = 1980;
    run.report_json = report_json(rng, *result.score_seconds);
    result.runs.push_back(run);
  }
  return result;
}

// Leases a job (another thread's, perhaps) and finishes it; false when none was queued.
bool work_one(Store& store, std::mt19937_64& rng, std::lognormal_distribution<double>& score,
              std::atomic<Millis>& clock) {
  const auto job = store.lease_job({"H100"}, "bench-worker", ++clock, 60000);
  if (!job) return false;
  if (!store.finish_job(job->id, job->lease_id, result_for(rng, score), ++clock))
    throw std::runtime_error("a result was refused");
  return true;
}

Measurement measure(Store& store, const std::string& engine, const Options& o) {
  std::mt19937_64 rng(42);
  std::vector<int64_t> users, problems;
  for (int u = 0; u < o.users; ++u)
    users.push_back(store.add_user(fmt::format("user{}", u), UserRole::competitor, 1).id);
  for (int p = 0; p < o.problems; ++p) {
    ProblemRecord record;
    record.slug = fmt::format("bench/problem-{}", p);
    record.title = record.slug;
    record.backend = "cuda";
    record.ranking = "geomean";
    problems.push_back(store.put_problem(record, "hash", "{}", 1).id);
  }

  // Each submission is leased and finished at once, as workers keep up with the queue; several
  // threads fill at a time, as a server's request threads would.
  Measurement m;
  m.engine = engine;
  const auto fill_start = Clock::now();
  const int submissions = (o.runs + 2) / 3;
  std::atomic<int> next{0};
  std::atomic<Millis> clock{1000};
  std::vector<std::thread> fillers;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  for (int t = 0; t < kFillThreads; ++t)
    fillers.emplace_back([&, t] {
      try {
        std::mt19937_64 local(t);
        std::lognormal_distribution<double> score(std::log(1e-3), 0.5);
        for (int i = next++; i < submissions; i = next++) {
          NewSubmission s;
          s.user_id = users[local() % users.size()];
          s.problem_id = problems[local() % problems.size()];
          s.code = fmt::format("// attempt {}\n__global__ void kernel() {{}}\n", i);
          s.file_name = "solution.cu";
          s.mode = "leaderboard";
          s.gpu = "H100";
          store.add_submission(s, ++clock);
          work_one(store, local, score, clock);
        }
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        failure = std::current_exception();
      }
    });
  for (auto& f : fillers) f.join();
  if (failure) std::rethrow_exception(failure);
  // A thread that found its job taken by another left one queued: finish what is left.
  std::lognormal_distribution<double> score(std::log(1e-3), 0.5);
  while (work_one(store, rng, score, clock)) continue;
  m.submissions = submissions;
  m.runs = 3 * submissions;
  m.fill_seconds = seconds_since(fill_start);

  // Warm the caches with one pass over every problem, then time random reads.
  for (int64_t p : problems) store.leaderboard(p, "H100", o.limit);
  std::vector<double> latencies;
  size_t entries = 0;
  const auto read_start = Clock::now();
  for (int r = 0; r < o.reads; ++r) {
    const auto t = Clock::now();
    entries += store.leaderboard(problems[rng() % problems.size()], "H100", o.limit).size();
    latencies.push_back(seconds_since(t) * 1e3);
  }
  m.reads_per_second = o.reads / seconds_since(read_start);
  m.entries = entries / o.reads;
  std::sort(latencies.begin(), latencies.end());
  const auto percentile = [&](double q) {
    return latencies[std::min(latencies.size() - 1, size_t(q * latencies.size()))];
  };
  m.p50_ms = percentile(0.50);
  m.p90_ms = percentile(0.90);
  m.p99_ms = percentile(0.99);
  return m;
}

std::string temp_dir() {
  char dir[] = "/tmp/podium-store-bench-XXXXXX";
  if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
  return dir;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--runs")
      o.runs = std::stoi(value);
    else if (flag == "--users")
      o.users = std::stoi(value);
    else if (flag == "--problems")
      o.problems = std::stoi(value);
    else if (flag == "--reads")
      o.reads = std::stoi(value);
    else if (flag == "--limit")
      o.limit = std::stoi(value);
    else if (flag == "--engine")
      o.engine = value;
    else if (flag == "--sqlite-file")
      o.sqlite_file = value;
    else if (flag == "--postgres")
      o.postgres = value;
    else {
      std::cerr << "unknown option " << flag << " (see the comment at the top of bench/store/store_bench.cpp)\n";
      return 2;
    }
  }

  std::vector<Measurement> results;
  try {
    if (o.engine == "sqlite" || o.engine == "both") {
      if (!o.sqlite_file.empty()) {
        if (std::filesystem::exists(o.sqlite_file)) throw std::runtime_error(o.sqlite_file + " exists already");
        results.push_back(measure(*open_store("sqlite:" + o.sqlite_file), "sqlite", o));
      } else {
        const std::string dir = temp_dir();
        results.push_back(measure(*open_store("sqlite:" + dir + "/bench.db"), "sqlite", o));
        std::filesystem::remove_all(dir);
      }
    }
    if (!o.postgres.empty() && (o.engine == "postgresql" || o.engine == "both")) {
      results.push_back(measure(*open_store(o.postgres), "postgresql", o));
    } else if (o.engine == "postgresql" || o.engine == "both") {
      const std::string dir = temp_dir();
      try {
        const auto server = testing::PostgresServer::start(dir);
        auto store = open_store(server.fresh_schema_uri());
        results.push_back(measure(*store, "postgresql", o));
      } catch (...) {
        testing::PostgresServer::stop(dir);
        throw;
      }
      testing::PostgresServer::stop(dir);
    }
  } catch (const std::exception& e) {
    std::cerr << "store bench: " << e.what() << "\n";
    return 1;
  }

  fmt::print("{} users, {} problems, leaderboard of the top {}, {} reads from one thread\n\n", o.users, o.problems,
             o.limit, o.reads);
  fmt::print(
      "| engine | runs | submissions | fill (s) | entries per read | reads/s | p50 (ms) | p90 (ms) | p99 (ms) |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Measurement& m : results)
    fmt::print("| {} | {} | {} | {:.1f} | {} | {:.0f} | {:.3f} | {:.3f} | {:.3f} |\n", m.engine, m.runs, m.submissions,
               m.fill_seconds, m.entries, m.reads_per_second, m.p50_ms, m.p90_ms, m.p99_ms);
  return 0;
}
