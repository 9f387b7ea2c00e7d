// What it costs when two processes' CUDA contexts take turns on one GPU, as the judge and the
// contestant would if the judge's work (redrawing inputs, poisoning outputs) came between two of the
// contestant's calls. Two processes, each with a context of its own, pass a token through pipes; each
// does one small piece of GPU work whenever it holds the token. The same work done in one process
// alone is the baseline; the difference is the price of the switch.
//
//   context_switch [ROUNDS]      prints a Markdown table
#include <cuda_runtime.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

__global__ void touch_kernel(float* p) { p[threadIdx.x] += 1; }

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

constexpr size_t kBytes = 4096;

struct Work {
  const char* name;
  void (*run)(float* device, float* pinned, float* pageable);
};

const Work kWorks[] = {
    {"memset 4 KiB, synchronize", [](float* d, float*, float*) {
       cudaMemset(d, 0, kBytes);
       cudaDeviceSynchronize();
     }},
    {"pageable upload 4 KiB", [](float* d, float*, float* h) { cudaMemcpy(d, h, kBytes, cudaMemcpyHostToDevice); }},
    {"kernel, synchronize", [](float* d, float*, float*) {
       touch_kernel<<<1, 32>>>(d);
       cudaDeviceSynchronize();
     }},
    {"4 pageable uploads and a memset (a redraw of two inputs)", [](float* d, float*, float* h) {
       for (int i = 0; i < 4; ++i) cudaMemcpy(d, h, kBytes, cudaMemcpyHostToDevice);
       cudaMemset(d, 0, kBytes);
       cudaDeviceSynchronize();
     }},
    {"pinned upload and a kernel", [](float* d, float* p, float*) {
       cudaMemcpyAsync(d, p, kBytes, cudaMemcpyHostToDevice);
       touch_kernel<<<1, 32>>>(d);
       cudaDeviceSynchronize();
     }},
};

bool pass(int fd_out, int fd_in) {
  char token = 't';
  return write(fd_out, &token, 1) == 1 && read(fd_in, &token, 1) == 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int warm = 100;
  int to_other[2], to_first[2];
  if (pipe(to_other) != 0 || pipe(to_first) != 0) return 1;
  // The other process is forked before either uses CUDA.
  const pid_t other = fork();
  if (other == 0) {
    float *d, *p;
    cudaMalloc(&d, kBytes);
    cudaMallocHost(&p, kBytes);
    float* h = static_cast<float*>(std::calloc(1, kBytes));
    char token;
    for (const Work& w : kWorks)
      for (int i = 0; i < rounds + warm; ++i) {
        if (read(to_other[0], &token, 1) != 1) _exit(1);
        w.run(d, p, h);
        if (write(to_first[1], &token, 1) != 1) _exit(1);
      }
    _exit(0);
  }
  float *d, *p;
  if (cudaMalloc(&d, kBytes) != cudaSuccess || cudaMallocHost(&p, kBytes) != cudaSuccess) {
    std::fprintf(stderr, "context_switch: no usable CUDA GPU\n");
    return 1;
  }
  float* h = static_cast<float*>(std::calloc(1, kBytes));
  cudaDeviceProp props;
  cudaGetDeviceProperties(&props, 0);
  std::printf("device: %s, %d rounds per row\n\n", props.name, rounds);
  std::printf("| work | one process, per piece | two processes taking turns, per piece | switch cost |\n|---|---|---|---|\n");
  for (const Work& w : kWorks) {
    for (int i = 0; i < warm; ++i) w.run(d, p, h);
    double t = now();
    for (int i = 0; i < rounds; ++i) w.run(d, p, h);
    const double alone = (now() - t) / rounds;
    for (int i = 0; i < warm; ++i) {
      w.run(d, p, h);
      pass(to_other[1], to_first[0]);
    }
    double mine = 0;
    for (int i = 0; i < rounds; ++i) {
      t = now();
      w.run(d, p, h);
      mine += now() - t;
      pass(to_other[1], to_first[0]);
    }
    mine /= rounds;
    std::printf("| %s | %.1f µs | %.1f µs | %.1f µs |\n", w.name, alone * 1e6, mine * 1e6, (mine - alone) * 1e6);
  }
  waitpid(other, nullptr, 0);
  return 0;
}
