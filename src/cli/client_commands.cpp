#include "cli/subcommands.hpp"

namespace podium {

void add_client_commands(CLI::App&) {}

}  // namespace podium
