// Hostile: looks for what lies outside the sandbox: secrets of the machine (/etc/shadow, ssh keys,
// home directories), the environment podium runs with, and the host paths it can learn from its own
// mount table (the evaluator's directory, the compile cache that holds the reference's library).
// It answers correctly when it finds nothing, and a wrong answer naming what it read otherwise.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>

extern char** environ;

static bool readable(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  char c;
  const bool got = read(fd, &c, 1) >= 0;
  close(fd);
  return got;
}

static bool listable(const std::string& path) {
  DIR* d = opendir(path.c_str());
  if (!d) return false;
  int entries = 0;
  while (readdir(d)) ++entries;
  closedir(d);
  return entries > 2;
}

static float leaks() {
  for (const char* f : {"/etc/shadow", "/etc/passwd", "/root/.ssh/id_rsa", "/root/.ssh/id_ed25519", "/proc/1/environ"})
    if (readable(f)) return 1;
  for (const char* d : {"/root", "/home", "/work", "/var", "/run", "/srv", "/opt"})
    if (listable(d)) return 2;
  for (char** e = environ; *e; ++e) {
    const std::string var(*e);
    bool known = false;
    for (const char* ok : {"PATH=", "HOME=", "TMPDIR=", "LANG=", "PWD=", "LD_LIBRARY_PATH=", "CUDA_VISIBLE_DEVICES=",
                           "CUDA_DEVICE_ORDER=", "OMP_NUM_THREADS="})
      if (var.rfind(ok, 0) == 0) known = true;
    if (!known) return 3;
  }
  // Mount sources are host paths: try their directories, where the cache and the build live.
  std::FILE* mounts = std::fopen("/proc/self/mountinfo", "r");
  char line[4096];
  while (mounts && std::fgets(line, sizeof line, mounts)) {
    char root[2048], point[2048];
    if (std::sscanf(line, "%*s %*s %*s %2047s %2047s", root, point) != 2) continue;
    std::string host(root);
    const auto slash = host.rfind('/');
    if (slash == std::string::npos || slash == 0) continue;
    const std::string dir = host.substr(0, slash);
    if (std::string(point).rfind("/podium", 0) == 0 && listable(dir)) return 4;
  }
  if (mounts) std::fclose(mounts);
  return 0;
}

extern "C" void solution(const float* input, float* output, size_t n) {
  const float leaked = leaks();
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += input[i];
  output[0] = leaked ? -1000.0f * leaked : static_cast<float>(sum);
}
