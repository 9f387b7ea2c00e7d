// The live stream of one submission (server-sent events). The stream polls the store rather than
// listening to this process's workers, so it works the same whichever server replica the worker and
// the watcher talk to: every state it reports (status, queue position, the latest progress event)
// lives in the store.
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "server/auth.hpp"
#include "server/handlers.hpp"

namespace podium {

using json = nlohmann::json;

namespace {

// A comment line now and then keeps proxies from closing a stream that waits long in the queue.
constexpr Millis kKeepAliveMs = 15'000;

class SubmissionStream {
 public:
  SubmissionStream(ServerState& server, int64_t submission_id) : server_(server), id_(submission_id) {}

  // One look at the store, writing what changed. False ends the stream abruptly (the watcher left);
  // the `done` event ends it properly.
  bool step(httplib::DataSink& sink) {
    if (started_) std::this_thread::sleep_for(std::chrono::milliseconds(server_.options.event_poll_ms));
    started_ = true;
    try {
      return look(sink);
    } catch (const std::exception& e) {
      send(sink, "error", ApiErrorBody{500, "internal", e.what()});
      sink.done();
      return true;
    }
  }

 private:
  bool look(httplib::DataSink& sink) {
    Store& store = server_.store;
    const auto job = store.job_for_submission(id_);
    // Progress first: a job's last progress event comes before its `done`.
    if (job && job->progress_seq != progress_seq_) {
      progress_seq_ = job->progress_seq;
      const auto event = json::parse(job->progress_json, nullptr, false);
      if (event.is_object() && !event.empty() && !send(sink, "progress", event)) return false;
    }
    const auto submission = store.find_submission(id_);
    if (!submission) throw std::runtime_error(fmt::format("submission {} is gone", id_));
    StatusEvent status{submission->status, std::nullopt};
    if (job && job->state == JobState::queued) status.queue_position = store.queue_position(job->id);
    if (!sent_status_ || status.status != last_status_.status || status.queue_position != last_status_.queue_position) {
      if (!send(sink, "status", status)) return false;
      last_status_ = status;
      sent_status_ = true;
    }
    if (submission->status == "done" || submission->status == "failed") {
      if (!send(sink, "done", json{{"submission", *submission}})) return false;
      sink.done();
      return true;
    }
    const Millis now = server_.options.clock();
    if (now - last_write_ >= kKeepAliveMs) return write(sink, ": keep-alive\n\n");
    return true;
  }

  bool send(httplib::DataSink& sink, const char* event, const json& data) {
    return write(sink, fmt::format("event: {}\ndata: {}\n\n", event, data.dump()));
  }

  bool write(httplib::DataSink& sink, const std::string& text) {
    last_write_ = server_.options.clock();
    return sink.write(text.data(), text.size());
  }

  ServerState& server_;
  const int64_t id_;
  bool started_ = false;
  bool sent_status_ = false;
  StatusEvent last_status_;
  int64_t progress_seq_ = 0;
  Millis last_write_ = 0;
};

}  // namespace

void stream_submission_events(Call& call) {
  const User& viewer = call.user_who(may_submit, "workers do not watch submissions");
  const auto submission = call.submission(call.path_id(1, "submission"));
  check_may_view(call, viewer, submission);
  auto stream = std::make_shared<SubmissionStream>(call.server, submission.id);
  call.response.set_header("Cache-Control", "no-cache");
  call.response.set_chunked_content_provider(
      "text/event-stream", [stream](size_t, httplib::DataSink& sink) { return stream->step(sink); });
}

}  // namespace podium
