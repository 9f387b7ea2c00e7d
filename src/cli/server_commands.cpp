#include "cli/subcommands.hpp"

namespace podium {

void add_server_commands(CLI::App&) {}

}  // namespace podium
