// The event-stream parser behind `podium submit`'s live progress: the WHATWG text/event-stream rules,
// whatever way the bytes are cut into chunks.
#include <gtest/gtest.h>

#include "runner/http_client.hpp"

using namespace podium;

namespace {

// Feeds the chunks in order and returns every event dispatched.
std::vector<SseEvent> parse(const std::vector<std::string>& chunks) {
  SseParser parser;
  std::vector<SseEvent> events;
  for (const auto& chunk : chunks)
    parser.feed(chunk, [&](const SseEvent& e) {
      events.push_back(e);
      return true;
    });
  return events;
}

}  // namespace

TEST(Sse, NamedEventsCarryTheirData) {
  const auto events = parse({"event: status\ndata: {\"status\": \"queued\"}\n\nevent: done\ndata: {}\n\n"});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "status");
  EXPECT_EQ(events[0].data, "{\"status\": \"queued\"}");
  EXPECT_EQ(events[1].event, "done");
}

TEST(Sse, AnUnnamedEventIsAMessage) {
  const auto events = parse({"data: hello\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "message");
  EXPECT_EQ(events[0].data, "hello");
}

TEST(Sse, DataLinesJoinWithNewlines) {
  const auto events = parse({"data: one\ndata: two\ndata:three\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "one\ntwo\nthree");
}

TEST(Sse, OnlyOneSpaceAfterTheColonIsRemoved) {
  const auto events = parse({"data:  indented\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, " indented");
}

TEST(Sse, CommentsAndUnknownFieldsAreIgnored) {
  const auto events = parse({": keep-alive\n\nretry: 1000\nfoo: bar\nid: 7\ndata: x\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
  EXPECT_EQ(events[0].id, "7");
}

TEST(Sse, AnEventWithoutDataIsNotDispatchedAndDoesNotLeakItsName) {
  const auto events = parse({"event: progress\n\ndata: plain\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "message");
  EXPECT_EQ(events[0].data, "plain");
}

TEST(Sse, CrLfAndLoneCrEndLinesToo) {
  const auto events = parse({"event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r"});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "a");
  EXPECT_EQ(events[0].data, "1");
  EXPECT_EQ(events[1].event, "b");
  EXPECT_EQ(events[1].data, "2");
}

TEST(Sse, ACrLfSplitAcrossChunksIsOneLineEnd) {
  // Were the \n taken for a second line end, the blank line would dispatch an event with only "a".
  const auto events = parse({"event: a\r", "\ndata: 1\r", "\n", "\r\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "a");
  EXPECT_EQ(events[0].data, "1");
}

TEST(Sse, ChunksMayCutAnywhere) {
  const std::string stream = "event: progress\ndata: {\"index\": 3}\n\nevent: done\ndata: {}\n\n";
  for (size_t cut = 1; cut < stream.size(); ++cut) {
    const auto events = parse({stream.substr(0, cut), stream.substr(cut)});
    ASSERT_EQ(events.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(events[0].data, "{\"index\": 3}") << "cut at " << cut;
    EXPECT_EQ(events[1].event, "done") << "cut at " << cut;
  }
}

TEST(Sse, AnIncompleteEventWaitsForItsBlankLine) {
  EXPECT_TRUE(parse({"event: done\ndata: {}\n"}).empty());
}

TEST(Sse, TheHandlerCanStopTheStream) {
  SseParser parser;
  int seen = 0;
  const bool more = parser.feed("data: 1\n\ndata: 2\n\n", [&](const SseEvent&) {
    ++seen;
    return false;
  });
  EXPECT_FALSE(more);
  EXPECT_EQ(seen, 1);
}
