// The hostile and cheating corpora on the CPU: every entry of tests/corpus/manifest.yaml without
// `gpu: true` gets its verdict, and the honest solution evaluated right after it passes.
#include "corpus.hpp"

using namespace podium;
using namespace podium::testing;

namespace {

class Corpus : public ::testing::TestWithParam<CorpusEntry> {};

}  // namespace

TEST_P(Corpus, GetsItsVerdictAndTheNextJobPasses) {
  expect_entry_and_recovery(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Entries, Corpus, ::testing::ValuesIn(corpus_entries(false)), entry_name);
