// Versioned schema migrations, one numbered list shared by both engines. The schema_migrations table
// records which have run; each runs in its own transaction, so a migration happens whole or not at
// all, and a process that finds the schema already current changes nothing.
#pragma once

#include <string>
#include <vector>

#include "store/sql.hpp"

namespace podium::sql {

struct Migration {
  int version = 0;  // 1, 2, ...: never renumber or edit one that has shipped; add a new one
  std::string description;
  std::string script;  // shared SQL; `{id}` stands for the dialect's auto-numbered primary key
};

const std::vector<Migration>& migrations();

// The script with the dialect's spellings filled in.
std::string render(const Migration& migration, const Dialect& dialect);

// Brings the schema to the newest version. Concurrent callers (several server processes starting
// together) are serialized; a database newer than this program is refused with a message.
void migrate(Pool& pool);

// The newest migration recorded in the database (0 for an empty one).
int schema_version(Connection& conn);

}  // namespace podium::sql
