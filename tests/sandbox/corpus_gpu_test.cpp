// The hostile and cheating corpora on a GPU: every entry of tests/corpus/manifest.yaml with
// `gpu: true` gets its verdict, and the honest solution evaluated right after it passes (the GPU is
// usable again). Skips, saying so, where no GPU is usable.
#include "corpus.hpp"

using namespace podium;
using namespace podium::testing;

namespace {

class GpuCorpus : public ::testing::TestWithParam<CorpusEntry> {};

}  // namespace

TEST_P(GpuCorpus, GetsItsVerdictAndTheNextJobPasses) {
  if (const auto why = probe_backend(BackendKind::cuda))
    GTEST_SKIP() << "no usable CUDA GPU here (" << *why << "): the GPU corpus runs in scripts/gpu-check.sh";
  expect_entry_and_recovery(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Entries, GpuCorpus, ::testing::ValuesIn(corpus_entries(true)), entry_name);
